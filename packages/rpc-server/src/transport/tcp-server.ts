import { createServer, type Server, type Socket } from 'node:net';
import { serveConnection, type ConnectionHandle, type ServeConnectionOptions } from './connection.js';
import { resolveTransportLimits } from './limits.js';
import { createLogger } from './logger.js';
import { isLoopbackHost, parseTcpAddress, type TcpAddress } from './tcp-address.js';
import { TransportError } from './transport-error.js';

/** Options of `serveTcp`: those of `serveConnection`, for every connection, plus where to listen. */
export interface ServeTcpOptions extends Omit<ServeConnectionOptions, 'input' | 'output' | 'endOutput'> {
  /** `host:port` or `[ipv6]:port` (`--tcp`). */
  readonly address: string;
  /** Allow a non-loopback address (`--allow-remote`). Default false. */
  readonly allowRemote?: boolean;
  /** Called for each accepted connection once it is being served. Must not throw. */
  readonly onConnection?: (connection: ConnectionHandle) => void;
}

/** A listening TCP server. */
export interface TcpServerHandle {
  /** The bound address (the real port when 0 was asked for). */
  readonly address: TcpAddress;
  /** Connections currently served. */
  readonly connectionCount: number;
  /** Stops listening and closes every connection (each flushes first). Idempotent; never rejects. */
  close(): Promise<void>;
}

/**
 * Serves JSONL JSON-RPC on TCP (01 §1 `--tcp`): each connection is served like stdio by `serveConnection`
 * with the same method table, so the runtime behind it is shared. Refuses, before listening, an address
 * that is not loopback unless `allowRemote` (`TransportError` `REMOTE_NOT_ALLOWED`); rejects with
 * `INVALID_ADDRESS`, `INVALID_LIMIT` or `LISTEN_FAILED`.
 */
export async function serveTcp(options: ServeTcpOptions): Promise<TcpServerHandle> {
  const { address, allowRemote, onConnection, ...connectionOptions } = options;
  const target = parseTcpAddress(address);
  if (!allowRemote && !isLoopbackHost(target.host)) {
    throw new TransportError(
      'REMOTE_NOT_ALLOWED',
      `refusing to listen on ${address}: not a loopback address (pass --allow-remote to allow it)`,
    );
  }
  resolveTransportLimits(connectionOptions.limits);
  const logger = connectionOptions.logger ?? createLogger({ scope: 'rkat-rpc' });
  const connections = new Set<ConnectionHandle>();
  let closing: Promise<void> | undefined;

  const server = createServer({ allowHalfOpen: true }, (socket: Socket) => {
    if (closing) {
      socket.destroy();
      return;
    }
    const connection = serveConnection({ ...connectionOptions, logger, input: socket, output: socket });
    connections.add(connection);
    void connection.closed.then(() => connections.delete(connection));
    onConnection?.(connection);
  });
  const bound = await listen(server, target);
  server.on('error', (error) => logger.error('TCP server error', { error }));
  logger.info('listening', { host: bound.host, port: bound.port });

  return {
    address: bound,
    get connectionCount() {
      return connections.size;
    },
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all([...connections].map((connection) => connection.close()));
        await stopped;
      })();
      return closing;
    },
  };
}

function listen(server: Server, target: TcpAddress): Promise<TcpAddress> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(
        new TransportError('LISTEN_FAILED', `cannot listen on ${target.host}:${target.port}`, {
          cause: error,
        }),
      );
    };
    server.once('error', onError);
    server.listen({ host: target.host, port: target.port }, () => {
      server.off('error', onError);
      const bound = server.address();
      resolve(typeof bound === 'object' && bound ? { host: bound.address, port: bound.port } : target);
    });
  });
}
