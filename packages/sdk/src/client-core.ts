import { CONTRACT_VERSION } from '@rkat/contracts';
import { DEFAULT_BINARY, resolveBinary } from './binary.js';
import { connectFlags, isCompatibleVersion, type ConnectOptions } from './connect-options.js';
import { CapabilityUnavailableError, MeerkatError } from './errors.js';
import type { EventStream } from './event-stream.js';
import { EventSubscription, type AgentEventEnvelope } from './event-subscription.js';
import { parseCapabilities } from './parse.js';
import { StdioTransport, type RpcReply } from './transport.js';
import { capabilityOf } from './unserved-families.js';
import type { Capability, ToolDefinition, ToolHandler } from './types.js';

interface RegisteredTool extends ToolDefinition {
  handler: ToolHandler;
}

/** @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The connection half of `MeerkatClient`: process, handshake, raw requests, capabilities, callback tools and
 * the routing of `session/event` notifications to streams.
 */
export class ClientCore {
  protected transport: StdioTransport | undefined;
  private capabilityList: Capability[] = [];
  private methodSet: ReadonlySet<string> = new Set();
  private info: Record<string, unknown> = {};
  private readonly tools = new Map<string, RegisteredTool>();
  protected readonly streams = new Map<string, EventStream>();
  protected pendingCreate: Map<string, unknown[]> | undefined;
  private readonly subscriptions = new Map<string, EventSubscription<unknown>>();
  private openingSubscriptions = 0;
  private readonly earlyStreamItems = new Map<
    string,
    { method: string; params: Record<string, unknown> }[]
  >();

  /** `rkatPath`: `rkat-rpc` (discover it) or an explicit path; `MEERKAT_BIN_PATH` wins over both. */
  constructor(private readonly rkatPath: string = DEFAULT_BINARY) {}

  /**
   * Starts the runtime with the realm options as flags, then `initialize` (the version rule: for 0.x the
   * minors must match, else `VERSION_MISMATCH`), `capabilities/get`, and `tools/register` for tools declared
   * before. Fails with `BINARY_NOT_FOUND`, `INVALID_ARGS`, `VERSION_MISMATCH` or `PROCESS_EXITED`; on failure
   * the child is stopped.
   */
  async connect(options: ConnectOptions = {}): Promise<this> {
    if (this.transport && !this.transport.isClosed) {
      throw new MeerkatError('INVALID_STATE', 'Client is already connected');
    }
    const env = options.env ?? process.env;
    const binary = resolveBinary(this.rkatPath, { ...process.env, ...env });
    const args = [...binary.prefixArgs, ...connectFlags(options, binary.legacy)];
    const transport = StdioTransport.spawn(
      binary.command,
      args,
      env,
      {
        onNotification: (method, params) => this.onNotification(method, params),
        onRequest: (method, params) => this.onRequest(method, params),
        onExit: () => this.onExit(),
      },
      options.requestTimeoutMs,
    );
    this.transport = transport;
    try {
      const init = await transport.request('initialize', {});
      const initResult = isRecord(init) ? init : {};
      const version = typeof initResult.contract_version === 'string' ? initResult.contract_version : '';
      if (!isCompatibleVersion(version)) {
        throw new MeerkatError(
          'VERSION_MISMATCH',
          `Server version ${version} incompatible with SDK ${CONTRACT_VERSION}`,
        );
      }
      const methods = Array.isArray(initResult.methods) ? initResult.methods : [];
      this.methodSet = new Set(methods.filter((method): method is string => typeof method === 'string'));
      this.info = isRecord(initResult.server_info) ? initResult.server_info : {};
      this.capabilityList = parseCapabilities(await transport.request('capabilities/get', {}));
      if (this.tools.size > 0) await transport.request('tools/register', { tools: this.toolDefs() });
    } catch (error) {
      await transport.close();
      throw error;
    }
    return this;
  }

  /** Stops the child (stdin EOF, SIGTERM, SIGKILL after 5 s); pending calls reject `CLIENT_CLOSED`. Idempotent. */
  async close(): Promise<void> {
    await this.transport?.close();
  }

  /** Capabilities reported at connect. */
  get capabilities(): readonly Capability[] {
    return this.capabilityList;
  }

  /** The methods the runtime serves (`initialize.methods`). */
  get methods(): ReadonlySet<string> {
    return this.methodSet;
  }

  /** `initialize.server_info`. */
  get serverInfo(): Readonly<Record<string, unknown>> {
    return this.info;
  }

  /** The last 8 KiB the child wrote to stderr. */
  get stderr(): string {
    return this.transport?.stderr ?? '';
  }

  /** True when the capability is `Available` (`mob`: when `mob/create` or `mob/list` is served). */
  hasCapability(id: string): boolean {
    if (id === 'mob') return this.methodSet.has('mob/create') || this.methodSet.has('mob/list');
    return this.capabilityList.some(
      (capability) => capability.id === id && capability.status === 'Available',
    );
  }

  /** Throws `CapabilityUnavailableError` (code `CAPABILITY_UNAVAILABLE`) unless `hasCapability(id)`. */
  requireCapability(id: string): void {
    if (!this.hasCapability(id)) {
      throw new CapabilityUnavailableError(
        'CAPABILITY_UNAVAILABLE',
        `Capability '${id}' is not available`,
        undefined,
        {
          capability_id: id,
          message: `Capability '${id}' is not available in this runtime`,
        },
      );
    }
  }

  /** Sends any method; resolves with its raw `result`. `NOT_CONNECTED` before `connect()`. */
  request(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    if (!this.transport) return Promise.reject(new MeerkatError('NOT_CONNECTED', 'Client is not connected'));
    return this.transport.request(method, params);
  }

  /** Sends a method of a family this runtime may not serve; `CapabilityUnavailableError` when not listed. */
  protected async requestServed(method: string, params: Record<string, unknown>): Promise<unknown> {
    this.assertServed(method);
    return this.request(method, params);
  }

  /** @internal `NOT_CONNECTED`, or `CapabilityUnavailableError` naming the capability unless `method` is served. */
  protected assertServed(method: string): void {
    if (!this.transport) throw new MeerkatError('NOT_CONNECTED', 'Client is not connected');
    if (!this.methodSet.has(method)) {
      const capability = capabilityOf(method);
      throw new CapabilityUnavailableError(
        'CAPABILITY_UNAVAILABLE',
        `${method} is not served by this runtime (capability '${capability}')`,
        { method },
        { capability_id: capability, message: `${method} is not in initialize.methods` },
      );
    }
  }

  /**
   * Declares a callback tool answered by this client through `tool/execute`. Before `connect()` it is
   * registered at connect; after, this registers it now and resolves when the runtime accepted it.
   * The handler's string result is the tool result (other values are JSON-encoded); a throw is an error result.
   */
  async tool(name: string, definition: ToolDefinition, handler: ToolHandler): Promise<void> {
    this.tools.set(name, { ...definition, handler });
    if (this.transport && !this.transport.isClosed) {
      await this.transport.request('tools/register', { tools: this.toolDefs([name]) });
    }
  }

  /** Registers a callback tool and, when connected, resolves once the runtime accepted it. */
  registerToolAsync(
    name: string,
    description: string,
    inputSchema: Record<string, unknown>,
    handler: ToolHandler,
  ): Promise<void> {
    return this.tool(name, { description, inputSchema }, handler);
  }

  /** The original's signature of `tool`: registration after connect is best-effort (errors are dropped). */
  registerTool(
    name: string,
    description: string,
    inputSchema: Record<string, unknown>,
    handler: ToolHandler,
  ): void {
    this.tool(name, { description, inputSchema }, handler).catch(() => undefined);
  }

  private toolDefs(names?: readonly string[]): Record<string, unknown>[] {
    return [...this.tools.entries()]
      .filter(([name]) => !names || names.includes(name))
      .map(([name, tool]) => ({ name, description: tool.description, input_schema: tool.inputSchema }));
  }

  /**
   * @internal Opens `session/stream_open` for a session; stream items that arrived before its response are
   * replayed first. `SessionNotFoundError` for an unknown session.
   */
  protected async openSubscription<T = AgentEventEnvelope>(
    sessionId: string,
    family: 'session' | 'mob' = 'session',
    params: Record<string, unknown> = { session_id: sessionId },
    parse?: (raw: unknown) => T,
  ): Promise<EventSubscription<T>> {
    this.openingSubscriptions += 1;
    let raw: unknown;
    try {
      raw = await this.request(`${family}/stream_open`, params);
    } finally {
      this.openingSubscriptions -= 1;
    }
    const streamId = isRecord(raw) && typeof raw.stream_id === 'string' ? raw.stream_id : '';
    if (streamId === '')
      throw new MeerkatError('INVALID_RESPONSE', `${family}/stream_open returned no stream_id`, raw);
    const subscription = new EventSubscription<T>(
      streamId,
      (id) => this.closeSubscription(id, family),
      parse,
    );
    this.subscriptions.set(streamId, subscription);
    const early = this.earlyStreamItems.get(streamId) ?? [];
    this.earlyStreamItems.delete(streamId);
    if (this.openingSubscriptions === 0) this.earlyStreamItems.clear();
    for (const item of early) this.onStreamNotification(item.method, item.params);
    return subscription;
  }

  private async closeSubscription(streamId: string, family: 'session' | 'mob'): Promise<void> {
    this.subscriptions.delete(streamId);
    await this.request(`${family}/stream_close`, { stream_id: streamId });
  }

  private onStreamNotification(method: string, params: Record<string, unknown>): void {
    const streamId = typeof params.stream_id === 'string' ? params.stream_id : '';
    const subscription = this.subscriptions.get(streamId);
    if (!subscription) {
      if (this.openingSubscriptions > 0) {
        const early = this.earlyStreamItems.get(streamId) ?? [];
        early.push({ method, params });
        this.earlyStreamItems.set(streamId, early);
      }
      return;
    }
    if (method.endsWith('/stream_event')) {
      subscription.push(params.event);
    } else {
      this.subscriptions.delete(streamId);
      subscription.end(params);
    }
  }

  private onNotification(method: string, params: Record<string, unknown>): void {
    if (/^(session|mob)\/stream_(event|end)$/.test(method)) {
      this.onStreamNotification(method, params);
      return;
    }
    if (method !== 'session/event' || typeof params.session_id !== 'string') return;
    const stream = this.streams.get(params.session_id);
    if (stream) {
      stream.push(params.event);
      return;
    }
    if (this.pendingCreate) {
      const buffer = this.pendingCreate.get(params.session_id) ?? [];
      buffer.push(params.event);
      this.pendingCreate.set(params.session_id, buffer);
    }
  }

  private async onRequest(method: string, params: Record<string, unknown>): Promise<RpcReply> {
    if (method !== 'tool/execute') {
      return { error: { code: -32601, message: `Method not supported: ${method}` } };
    }
    const name = typeof params.name === 'string' ? params.name : '';
    const tool = this.tools.get(name);
    if (!tool) return { result: { content: `Unknown tool: ${name}`, is_error: true } };
    try {
      const args = isRecord(params.arguments) ? params.arguments : {};
      const value: unknown = await tool.handler(args);
      const content = typeof value === 'string' ? value : JSON.stringify(value ?? null);
      return { result: { content, is_error: false } };
    } catch (error) {
      return {
        result: {
          content: `Tool error: ${error instanceof Error ? error.message : String(error)}`,
          is_error: true,
        },
      };
    }
  }

  private onExit(): void {
    this.pendingCreate = undefined;
    for (const subscription of this.subscriptions.values()) subscription.end();
    this.subscriptions.clear();
  }
}
