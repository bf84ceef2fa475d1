import type { Readable, Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { mapRuntimeError } from '../errors/error-mapper.js';
import { backgroundEventForwarder, reportDroppedEvents } from '../events/connection-events.js';
import { buildMethodTable } from '../methods/build-method-table.js';
import { openServerRuntime, type ServerRuntime } from '../server/open-server-runtime.js';
import {
  serveConnection,
  serveTcp,
  type ConnectionHandle,
  type Logger,
  type MethodTable,
  type TransportLimits,
} from '../transport/index.js';
import { createServerLogger } from './server-logger.js';
import { addServerOptions, checkServerFlags, type ServerFlags } from './server-flags.js';

/** The streams and environment of an `rkat-rpc` process (tests pass their own). */
export interface RpcProcessIo {
  readonly stdin: Readable;
  /** JSON-RPC lines only (00-decisions.md §12a); `--help` / `--version` text when asked. */
  readonly stdout: Writable;
  /** Start-up errors (and usage errors) only. */
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGTERM / SIGINT: the server shuts down as on stdin EOF. */
  readonly signal?: AbortSignal;
}

/** The version `rkat-rpc --version` prints. */
export const RKAT_RPC_VERSION = '0.1.0 (contract 0.6.6)';

/** How long closing the runtime (interrupted runs committing, the store, the lease) may take at exit. */
export const SHUTDOWN_TIMEOUT_MS = 4_000;

function parseFlags(args: readonly string[], io: RpcProcessIo, name: string): ServerFlags | number {
  const program = addServerOptions(new Command(name))
    .description('Meerkat runtime: JSON-RPC 2.0 over JSONL on stdin/stdout (contract 0.6.6)')
    .version(RKAT_RPC_VERSION)
    .helpOption('-h, --help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  try {
    program.parse([...args], { from: 'user' });
    return checkServerFlags(program.opts<ServerFlags>());
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function aborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Forwards background runs' events to a connection until it closes. */
function followBackgroundRuns(server: ServerRuntime, connection: ConnectionHandle): void {
  const unsubscribe = server.runtime.sessions.subscribe(backgroundEventForwarder(connection));
  void connection.closed.then(unsubscribe);
}

async function serveStdio(
  server: ServerRuntime,
  io: RpcProcessIo,
  methods: MethodTable,
  limits: TransportLimits,
  logger: Logger,
): Promise<void> {
  const connection = serveConnection({
    input: io.stdin,
    output: io.stdout,
    methods,
    limits,
    logger,
    mapError: mapRuntimeError,
    onDropped: reportDroppedEvents,
  });
  followBackgroundRuns(server, connection);
  await Promise.race([connection.closed, aborted(io.signal)]);
  await connection.close();
}

async function serveOverTcp(
  server: ServerRuntime,
  address: string,
  flags: ServerFlags,
  io: RpcProcessIo,
  methods: MethodTable,
  limits: TransportLimits,
  logger: Logger,
): Promise<void> {
  const listener = await serveTcp({
    address,
    allowRemote: flags.allowRemote === true,
    methods,
    limits,
    logger,
    mapError: mapRuntimeError,
    onDropped: reportDroppedEvents,
    onConnection: (connection) => followBackgroundRuns(server, connection),
  });
  await aborted(io.signal);
  await listener.close();
}

async function closeRuntime(server: ServerRuntime, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), SHUTDOWN_TIMEOUT_MS);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([server.runtime.close().then(() => 'closed' as const), timeout]);
    if (outcome === 'timeout')
      logger.warn('the runtime did not close in time', { timeout_ms: SHUTDOWN_TIMEOUT_MS });
  } catch (error) {
    logger.error('closing the runtime failed', { error });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `rkat-rpc` (01 §1–§2): parses the flags, opens the realm, serves JSON-RPC on stdio (or `--tcp`)
 * until stdin ends or `io.signal` aborts, then aborts in-flight work, closes the sessions (persisted state
 * stays) and removes the lease. Resolves with the exit code: 0 after a normal shutdown, 1 for a start-up
 * failure (reported on stderr), commander's code for a usage error. Never rejects.
 */
export async function runRkatRpc(
  args: readonly string[],
  io: RpcProcessIo,
  name = 'rkat-rpc',
): Promise<number> {
  const flags = parseFlags(args, io, name);
  if (typeof flags === 'number') return flags;
  const { logger, close: closeLog } = createServerLogger(flags.logFile, io.env);
  if (flags.liveWs !== undefined || flags.liveWebrtc === true) {
    logger.info('live flags given: live channels are not served by this build');
  }
  let server: ServerRuntime;
  try {
    server = await openServerRuntime(flags, io.env);
  } catch (error) {
    io.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    await closeLog();
    return 1;
  }
  logger.info('realm open', { realm_id: server.runtime.realmId, instance_id: server.runtime.instanceId });
  const methods = buildMethodTable({ ...server, logger });
  const limits: TransportLimits = {
    ...(flags.maxFrameBytes !== undefined ? { maxFrameBytes: flags.maxFrameBytes } : {}),
    ...(flags.writeTimeoutMs !== undefined ? { writeTimeoutMs: flags.writeTimeoutMs } : {}),
  };
  let code = 0;
  try {
    if (flags.tcp !== undefined) await serveOverTcp(server, flags.tcp, flags, io, methods, limits, logger);
    else await serveStdio(server, io, methods, limits, logger);
  } catch (error) {
    io.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  }
  await closeRuntime(server, logger);
  logger.info('stopped', { code });
  await closeLog();
  return code;
}
