import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SseError } from '@modelcontextprotocol/sdk/client/sse.js';
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolDef } from '@rkat/contracts';
import type { ToolOutcome } from '@rkat/core';
import { mcpResultToOutcome } from './content-mapping.js';
import { McpServerError, type McpServerErrorKind } from './errors.js';
import { SecretRedactor } from './redaction.js';
import { connectTimeoutMs, type McpServerConfig } from './server-config.js';
import { createMcpTransport, type McpTransportHandle } from './transport-factory.js';

const CLIENT_INFO = { name: 'meerkat-ts', version: '0.6.6' };
/** How long a closing stdio child may take to exit before it is killed (the SDK's own escalation is 4 s). */
const REAP_GRACE_MS = 5000;
/** Node timers overflow above this; longer budgets are clamped to it. */
const MAX_TIMER_MS = 2_147_483_647;

export interface McpConnectOptions {
  /** Budget for spawn/connect plus the initialize handshake; default `connect_timeout_secs` (10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface McpRequestOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

type RequestPhase = { method: 'tools/list' } | { method: 'tools/call'; tool: string };

class DeadlineExceeded extends Error {}

/**
 * One live connection to one MCP server over stdio, streamable HTTP or SSE. Every failure is a
 * `McpServerError` naming the server, with the server's secrets masked. Once the server goes away the
 * connection is `failed` and refuses further requests; `close()` ends it and, for stdio, waits until the
 * child process is gone.
 */
export class McpConnection {
  private failure: McpServerError | undefined;
  private closing: Promise<void> | undefined;
  private readonly failureListeners = new Set<(error: McpServerError) => void>();

  private constructor(
    readonly config: McpServerConfig,
    private readonly client: Client,
    private readonly handle: McpTransportHandle,
    private readonly redactor: SecretRedactor,
  ) {}

  /** Spawns or dials the server and performs the initialize handshake within the budget. */
  static async connect(config: McpServerConfig, options: McpConnectOptions = {}): Promise<McpConnection> {
    const redactor = new SecretRedactor(config);
    const timeoutMs = options.timeoutMs ?? connectTimeoutMs(config);
    let handle: McpTransportHandle;
    try {
      handle = createMcpTransport(config);
    } catch (error) {
      throw new McpServerError(
        config.name,
        'connect_failed',
        redactor.redact(`MCP server '${config.name}' has an unusable transport config: ${messageOf(error)}`),
      );
    }
    const connection = new McpConnection(
      config,
      new Client(CLIENT_INFO, { capabilities: {} }),
      handle,
      redactor,
    );
    connection.client.onclose = () => connection.markClosedByServer();
    connection.client.onerror = (error) => connection.onTransportError(error);
    try {
      const connecting = connection.client.connect(handle.transport, {
        timeout: clampTimer(timeoutMs),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      await withDeadline(connecting, timeoutMs, options.signal);
    } catch (error) {
      const failure = connection.describeConnectFailure(error, timeoutMs, options.signal);
      await connection.close();
      throw failure;
    }
    return connection;
  }

  get serverName(): string {
    return this.config.name;
  }

  /** The stdio child's pid (kept after it exits, for checks); undefined for HTTP servers. */
  get pid(): number | undefined {
    return this.handle.pid();
  }

  /** Set once the server went away or a transport error broke the connection. */
  get failedWith(): McpServerError | undefined {
    return this.failure;
  }

  get isUsable(): boolean {
    return this.failure === undefined && this.closing === undefined;
  }

  /** Called once if the server goes away on its own (crash, exit, transport failure). */
  onFailure(listener: (error: McpServerError) => void): void {
    this.failureListeners.add(listener);
  }

  /** Lists every tool (following pagination) within one budget. */
  async listTools(options: McpRequestOptions): Promise<ToolDef[]> {
    const deadline = Date.now() + options.timeoutMs;
    const tools: ToolDef[] = [];
    let cursor: string | undefined;
    do {
      this.assertUsable();
      const remaining = Math.max(1, deadline - Date.now());
      const page = await this.request(
        (requestOptions) => this.client.listTools(cursor === undefined ? {} : { cursor }, requestOptions),
        { timeoutMs: remaining, ...(options.signal ? { signal: options.signal } : {}) },
        { method: 'tools/list' },
        options.timeoutMs,
      );
      for (const tool of page.tools) {
        tools.push({ name: tool.name, description: tool.description ?? '', input_schema: tool.inputSchema });
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return tools;
  }

  /** Calls one tool. A result with `isError` is an outcome, not a throw; failures throw `McpServerError`. */
  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: McpRequestOptions,
  ): Promise<ToolOutcome> {
    this.assertUsable();
    const result = await this.request(
      (requestOptions) => this.client.callTool({ name, arguments: args }, undefined, requestOptions),
      options,
      { method: 'tools/call', tool: name },
      options.timeoutMs,
    );
    if (isContentResult(result)) return mcpResultToOutcome(result);
    // Servers on the 2024-10-07 protocol answer `{toolResult}` instead of `{content}`.
    return { content: JSON.stringify(result.toolResult ?? null), isError: false };
  }

  /** Ends the connection; for stdio, resolves only once the child process is gone. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /**
   * Closes the client; for stdio the SDK then escalates stdin EOF → SIGTERM → SIGKILL but does not wait
   * for the last step, so this waits for the child's exit and kills it if it is still there.
   */
  private async shutdown(): Promise<void> {
    try {
      await this.client.close();
    } catch {
      // The transport was already gone; the exit check below still runs.
    }
    if (await this.handle.waitForExit(REAP_GRACE_MS)) return;
    const pid = this.handle.pid();
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await this.handle.waitForExit(REAP_GRACE_MS);
  }

  private async request<T>(
    send: (options: { timeout: number; signal?: AbortSignal }) => Promise<T>,
    options: McpRequestOptions,
    phase: RequestPhase,
    budgetMs: number,
  ): Promise<T> {
    // The SDK never removes the abort listener it adds, so it gets a per-request signal rather than the
    // caller's (often turn-long) one.
    const perRequest = new AbortController();
    const forward = () => perRequest.abort(options.signal?.reason);
    if (options.signal?.aborted) forward();
    else options.signal?.addEventListener('abort', forward, { once: true });
    try {
      return await send({ timeout: clampTimer(options.timeoutMs), signal: perRequest.signal });
    } catch (error) {
      throw this.describeRequestFailure(error, phase, budgetMs, options.signal);
    } finally {
      options.signal?.removeEventListener('abort', forward);
    }
  }

  private assertUsable(): void {
    if (this.failure) throw new McpServerError(this.serverName, 'unavailable', this.failure.message);
    if (this.closing) throw this.error('unavailable', `MCP server '${this.serverName}' is closed`);
  }

  /**
   * Most transport errors surface through the requests they break. A dropped SSE stream does not: the
   * SDK's EventSource quietly reconnects to a new server session and pending answers never come, so the
   * connection is failed and closed at once, which rejects the pending requests.
   */
  private onTransportError(error: Error): void {
    if (!(error instanceof SseError) || this.closing || this.failure) return;
    this.fail(this.error('connection_closed', `MCP server '${this.serverName}' dropped its event stream`));
    void this.client.close().catch(() => undefined);
  }

  private markClosedByServer(): void {
    if (this.closing || this.failure) return;
    this.fail(
      this.error(
        'connection_closed',
        `MCP server '${this.serverName}' closed its connection${this.stderrNote()}`,
      ),
    );
  }

  private fail(error: McpServerError): void {
    if (this.failure) return;
    this.failure = error;
    for (const listener of this.failureListeners) listener(error);
  }

  private describeConnectFailure(error: unknown, timeoutMs: number, signal?: AbortSignal): McpServerError {
    const name = this.serverName;
    if (signal?.aborted) return this.error('cancelled', `MCP server '${name}': connect was cancelled`);
    if (error instanceof DeadlineExceeded || isMcpCode(error, ErrorCode.RequestTimeout)) {
      return this.error(
        'connect_timeout',
        `MCP server '${name}' did not connect within ${formatMs(timeoutMs)}`,
      );
    }
    if (this.handle.pid() !== undefined && !this.handle.isRunning()) {
      return this.error('connect_failed', `MCP server '${name}' exited during startup${this.stderrNote()}`);
    }
    if (isMcpCode(error, ErrorCode.ConnectionClosed)) {
      return this.error('connect_failed', `MCP server '${name}' closed the connection during startup`);
    }
    return this.error(
      'connect_failed',
      `MCP server '${name}' failed to start: ${messageOf(error)}${this.stderrNote()}`,
    );
  }

  private describeRequestFailure(
    error: unknown,
    phase: RequestPhase,
    budgetMs: number,
    signal?: AbortSignal,
  ): McpServerError {
    const what = phase.method === 'tools/call' ? `tools/call '${phase.tool}'` : 'tools/list';
    const name = this.serverName;
    if (signal?.aborted) return this.error('cancelled', `MCP server '${name}': ${what} was cancelled`);
    if (isMcpCode(error, ErrorCode.RequestTimeout)) {
      const kind = phase.method === 'tools/call' ? 'call_timeout' : 'list_timeout';
      return this.error(kind, `MCP server '${name}' did not answer ${what} within ${formatMs(budgetMs)}`);
    }
    if (this.failure || isMcpCode(error, ErrorCode.ConnectionClosed)) {
      const closed = this.error(
        'connection_closed',
        `MCP server '${name}' closed its connection during ${what}${this.stderrNote()}`,
      );
      this.fail(closed);
      return closed;
    }
    if (error instanceof McpError) {
      return this.error('call_failed', `MCP server '${name}' rejected ${what}: ${error.message}`);
    }
    const broken = this.error(
      'transport_error',
      `MCP server '${name}' transport failed during ${what}: ${messageOf(error)}`,
    );
    this.fail(broken);
    return broken;
  }

  private stderrNote(): string {
    const tail = this.handle.stderrTail().trim();
    if (tail === '') return '';
    const lastLines = tail.split('\n').slice(-3).join(' | ');
    return ` (stderr: ${lastLines})`;
  }

  private error(kind: McpServerErrorKind, message: string): McpServerError {
    return new McpServerError(this.serverName, kind, this.redactor.redact(message));
  }
}

function isContentResult(result: { [key: string]: unknown }): result is CallToolResult {
  return Array.isArray(result.content);
}

function isMcpCode(error: unknown, code: ErrorCode): boolean {
  return error instanceof McpError && error.code === Number(code);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function clampTimer(ms: number): number {
  return Math.min(Math.max(1, ms), MAX_TIMER_MS);
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * Races a promise against a timer and an abort signal. Needed on top of the SDK's request timeout because
 * a transport's start (e.g. SSE waiting for its endpoint event) is not covered by it.
 */
async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, signal?: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded()), clampTimer(timeoutMs));
    onAbort = () => reject(new DeadlineExceeded());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
