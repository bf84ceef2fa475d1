import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isStdioServerConfig, type McpServerConfig } from './server-config.js';

/** Bytes of a stdio server's stderr kept for startup-failure messages. */
const STDERR_TAIL_BYTES = 2048;

export interface McpTransportHandle {
  transport: Transport;
  /** The stdio child's pid once spawned, kept after it exits; undefined for HTTP or a failed spawn. */
  pid(): number | undefined;
  /** Whether the stdio child has been spawned and has not exited yet (false for HTTP). */
  isRunning(): boolean;
  /** Resolves true once the stdio child has exited (at once for HTTP), false if `timeoutMs` passes first. */
  waitForExit(timeoutMs: number): Promise<boolean>;
  /** The last bytes the stdio child wrote to stderr (unredacted). */
  stderrTail(): string;
}

/**
 * Builds the SDK transport for a server. A stdio child gets the SDK's safe default environment (HOME,
 * PATH, …) plus the configured `env` — not this process's whole environment, so provider keys stay out
 * of MCP servers. Its stderr is captured (never passed through to ours: it may print secrets).
 */
export function createMcpTransport(config: McpServerConfig): McpTransportHandle {
  if (isStdioServerConfig(config)) {
    const transport = new StdioClientTransport({
      command: config.command,
      args: config.args ?? [],
      env: config.env ?? {},
      stderr: 'pipe',
    });
    let tail = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    // The SDK forgets its child as soon as close() starts, not when the child exits, so the pid and the
    // exit are tracked here: `start` resolves on spawn, and `onclose` (which the SDK client chains, not
    // replaces) fires on the child's 'close' event.
    let spawnedPid: number | undefined;
    let markExited: () => void = () => undefined;
    const exited = new Promise<void>((resolve) => (markExited = resolve));
    let hasExited = false;
    const start = transport.start.bind(transport);
    transport.start = async () => {
      await start();
      spawnedPid = transport.pid ?? undefined;
    };
    transport.onclose = () => {
      hasExited = true;
      markExited();
    };
    return {
      transport,
      pid: () => spawnedPid,
      isRunning: () => spawnedPid !== undefined && !hasExited,
      waitForExit: (timeoutMs) =>
        spawnedPid === undefined || hasExited ? Promise.resolve(true) : raceTimer(exited, timeoutMs),
      stderrTail: () => tail,
    };
  }
  const { url, headers } = moveUrlCredentialsToHeader(new URL(config.url), config.headers ?? {});
  const requestInit: RequestInit = { headers };
  const transport =
    config.transport === 'sse'
      ? new SSEClientTransport(url, { requestInit })
      : new StreamableHTTPClientTransport(url, { requestInit });
  return {
    transport,
    pid: () => undefined,
    isRunning: () => false,
    waitForExit: () => Promise.resolve(true),
    stderrTail: () => '',
  };
}

/**
 * fetch refuses URLs that carry credentials, so `https://user:pass@host/…` becomes a Basic
 * `Authorization` header (unless one is configured) on the bare URL.
 */
function moveUrlCredentialsToHeader(
  url: URL,
  headers: Record<string, string>,
): { url: URL; headers: Record<string, string> } {
  if (url.username === '' && url.password === '') return { url, headers };
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  const bare = new URL(url);
  bare.username = '';
  bare.password = '';
  const hasAuthorization = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
  return {
    url: bare,
    headers: hasAuthorization
      ? headers
      : { ...headers, Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
  };
}

async function raceTimer(done: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([done.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
