import { setMaxListeners } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { ClientCalls, type CallClientOptions } from './client-calls.js';
import { decodeFrame } from './decode-frame.js';
import { Dispatcher, type ErrorMapper } from './dispatcher.js';
import { resolveTransportLimits, type ResolvedTransportLimits, type TransportLimits } from './limits.js';
import { createLogger, type Logger } from './logger.js';
import type { ConnectionPort, MethodTable, NotifyOptions } from './method-table.js';
import { OutboundQueue, type DroppedEvents, type OutputFailure } from './outbound-queue.js';
import { readFrames } from './read-frames.js';
import { messageLine } from './wire-messages.js';

/** Why a connection closed. */
export type CloseReason = 'input_ended' | 'input_error' | 'closed_by_server' | OutputFailure;

/** Options of `serveConnection`. */
export interface ServeConnectionOptions {
  /** JSONL requests from the client (stdin, a socket). */
  readonly input: Readable;
  /** JSONL to the client (stdout, the same socket). Nothing else may write to it. */
  readonly output: Writable;
  readonly methods: MethodTable;
  readonly limits?: TransportLimits;
  /** Called once, after the connection has flushed and closed. Must not throw. */
  readonly onClose?: (reason: CloseReason, connection: ConnectionPort) => void;
  /** Lag hook (see `DropListener`): emit `stream_truncated` markers through `connection.notify` here. */
  readonly onDropped?: (count: number, dropped: readonly DroppedEvents[], connection: ConnectionPort) => void;
  /** Maps handler failures that are not `RpcError`s (e.g. runtime errors) to typed ones. */
  readonly mapError?: ErrorMapper;
  /** Default: `createLogger()` (silent unless `RKAT_LOG` is set). */
  readonly logger?: Logger;
  /** End `output` after the final flush. Default true. */
  readonly endOutput?: boolean;
}

/** A served connection. */
export interface ConnectionHandle extends ConnectionPort {
  /** Resolves once the connection has closed (see `serveConnection`). Never rejects. */
  readonly closed: Promise<void>;
  /** Closes from the server side, like input EOF; resolves with `closed`. Idempotent. */
  close(): Promise<void>;
}

let connectionCount = 0;

/**
 * Serves JSON-RPC 2.0 over JSONL on a pair of streams until the input ends, fails, or the output fails
 * or stays blocked past the write timeout. Closing aborts in-flight requests (each is answered -32005),
 * rejects pending server→client requests, aborts `connection.signal`, flushes what is queued (bounded by
 * the write timeout), ends the output and resolves `closed`. Bad input never ends the connection. Throws
 * `TransportError` (`INVALID_LIMIT`) synchronously for a bad limit.
 */
export function serveConnection(options: ServeConnectionOptions): ConnectionHandle {
  return new Connection(options);
}

class Connection implements ConnectionHandle {
  readonly id = `conn-${connectionCount++}`;
  readonly closed: Promise<void>;
  private readonly options: ServeConnectionOptions;
  private readonly limits: ResolvedTransportLimits;
  private readonly logger: Logger;
  private readonly controller = new AbortController();
  private readonly queue: OutboundQueue;
  private readonly clientCalls: ClientCalls;
  private readonly dispatcher: Dispatcher;
  private resolveClosed: () => void = () => {};
  private closing: Promise<void> | undefined;
  private outputFailure: OutputFailure | undefined;

  constructor(options: ServeConnectionOptions) {
    this.options = options;
    this.limits = resolveTransportLimits(options.limits);
    this.logger = options.logger ?? createLogger({ scope: 'rkat-rpc' });
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    // Work that lives as long as the connection (each open event stream) listens here, as many as the
    // client opens; Node's leak warning at 11 would go to stderr, which must stay quiet (00-decisions §12a).
    setMaxListeners(0, this.controller.signal);
    this.queue = new OutboundQueue({
      output: options.output,
      maxQueuedNotifications: this.limits.maxQueuedNotifications,
      writeTimeoutMs: this.limits.writeTimeoutMs,
      onDropped: (count, dropped) => options.onDropped?.(count, dropped, this),
      onFailure: (failure) => {
        this.outputFailure = failure;
        void this.shutdown(failure);
      },
      logger: this.logger,
    });
    this.clientCalls = new ClientCalls(
      (id, method, params) => {
        const line = messageLine(method, params, id);
        return line !== undefined && this.queue.enqueue({ line, kind: 'request', method });
      },
      this.limits.clientCallTimeoutMs,
      this.logger,
    );
    this.dispatcher = new Dispatcher({
      methods: options.methods,
      connection: this,
      respond: (line) => this.queue.enqueue({ line, kind: 'response' }),
      onClientAnswer: (answer) => this.clientCalls.settle(answer),
      mapError: options.mapError,
      logger: this.logger,
    });
    this.logger.debug('connection opened', { connection: this.id });
    void this.read();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  notify(method: string, params: unknown, options: NotifyOptions = {}): boolean {
    const line = messageLine(method, params);
    if (line === undefined) {
      this.logger.error('dropped an unserializable notification', { method });
      return false;
    }
    return this.queue.enqueue({ line, kind: options.kind ?? 'event', method, streamKey: options.streamKey });
  }

  callClient(method: string, params: unknown, options?: CallClientOptions): Promise<unknown> {
    return this.clientCalls.call(method, params, options);
  }

  close(): Promise<void> {
    return this.shutdown('closed_by_server');
  }

  private async read(): Promise<void> {
    let reason: CloseReason = 'input_ended';
    try {
      for await (const frame of readFrames(this.options.input, this.limits.maxFrameBytes)) {
        // Leaving the loop early would destroy the input, which may be the output too (a socket).
        if (this.closing) continue;
        const inline = this.dispatcher.dispatch(decodeFrame(frame, this.limits.maxFrameBytes));
        if (inline) await inline;
      }
    } catch (error) {
      reason = 'input_error';
      if (!this.closing) this.logger.warn('input failed', { connection: this.id, error });
    }
    await this.shutdown(reason);
  }

  private shutdown(reason: CloseReason): Promise<void> {
    this.closing ??= this.finish(reason);
    return this.closing;
  }

  private async finish(reason: CloseReason): Promise<void> {
    this.logger.debug('connection closing', { connection: this.id, reason });
    const { input, output } = this.options;
    try {
      this.dispatcher.abortAll();
      this.clientCalls.close();
      this.controller.abort();
      await this.queue.drained();
      this.queue.stop();
      if (this.outputFailure) output.destroy();
      else if (this.options.endOutput ?? true) await endWritable(output, this.limits.writeTimeoutMs);
      if (!input.readableEnded) input.destroy();
      this.options.onClose?.(reason, this);
    } catch (error) {
      this.logger.error('error while closing', { connection: this.id, error });
    } finally {
      this.logger.debug('connection closed', { connection: this.id, reason });
      this.resolveClosed();
    }
  }
}

/** Ends a writable and waits for `finish`, at most `timeoutMs`; then destroys it. Never rejects. */
function endWritable(output: Writable, timeoutMs: number): Promise<void> {
  if (output.writableFinished || output.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      output.destroy();
      done();
    }, timeoutMs);
    output.end(done);
  });
}
