import type { RpcErrorObject } from '@rkat/contracts';
import { silentLogger, type Logger } from './logger.js';
import type { RequestId } from './request-id.js';

/** Why a server→client request failed. */
export type ClientCallErrorCode =
  /** The client answered a JSON-RPC error (`rpcError` holds it). */
  | 'CLIENT_ERROR'
  /** The answer had neither a result nor a well-formed error. */
  | 'INVALID_RESPONSE'
  /** No answer within the timeout. */
  | 'TIMEOUT'
  /** The connection closed first. */
  | 'CONNECTION_CLOSED'
  /** The caller's signal aborted (e.g. its request was cancelled). */
  | 'ABORTED';

/** A server→client request did not produce a result. Never retried by the transport. */
export class ClientCallError extends Error {
  override readonly name = 'ClientCallError';
  readonly code: ClientCallErrorCode;
  readonly method: string;
  readonly rpcError: RpcErrorObject | undefined;
  readonly retryable = false;

  constructor(code: ClientCallErrorCode, method: string, message: string, rpcError?: RpcErrorObject) {
    super(message);
    this.code = code;
    this.method = method;
    this.rpcError = rpcError;
  }
}

/** Options of one server→client request. */
export interface CallClientOptions {
  /** Default: the connection's `clientCallTimeoutMs` (30 s). */
  readonly timeoutMs?: number;
  /** Rejects the call with `ABORTED` when it aborts. */
  readonly signal?: AbortSignal;
}

/** The answer to a server→client request, as classified from the input. */
export interface ClientAnswer {
  readonly id: RequestId | null;
  readonly hasResult: boolean;
  readonly result: unknown;
  readonly error: unknown;
}

interface Pending {
  readonly method: string;
  resolve(value: unknown): void;
  reject(error: ClientCallError): void;
}

/**
 * Server→client requests of one connection (01 §16): ids `srv-<n>` counting from 0, answers matched by
 * id (unknown ids ignored), a timeout on each, and every pending call rejected on close. No call can hang.
 */
export class ClientCalls {
  private nextId = 0;
  private closed = false;
  private readonly pending = new Map<string, Pending>();

  constructor(
    /** Writes the request line; false when it could not be queued (the connection is closing). */
    private readonly send: (id: string, method: string, params: unknown) => boolean,
    private readonly defaultTimeoutMs: number,
    private readonly logger: Logger = silentLogger,
  ) {}

  /** Sends `method` to the client and resolves with its `result`; rejects with a `ClientCallError`. */
  call(method: string, params: unknown, options: CallClientOptions = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(closedError(method));
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(abortedError(method));
    const id = `srv-${this.nextId}`;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
      const onAbort = (): void => finish(() => reject(abortedError(method)));
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(new ClientCallError('TIMEOUT', method, `${method} got no answer within ${timeoutMs} ms`)),
          ),
        timeoutMs,
      );
      const finish = (settle: () => void): void => {
        if (!this.pending.delete(id)) return;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        settle();
      };
      this.pending.set(id, {
        method,
        resolve: (value) => finish(() => resolve(value)),
        reject: (error) => finish(() => reject(error)),
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      if (!this.send(id, method, params)) finish(() => reject(closedError(method)));
    });
  }

  /** Settles the call an answer belongs to; answers with unknown ids are ignored. */
  settle(answer: ClientAnswer): void {
    const pending = typeof answer.id === 'string' ? this.pending.get(answer.id) : undefined;
    if (!pending) {
      this.logger.debug('ignored a response with an unknown id', { id: answer.id });
      return;
    }
    if (answer.error !== undefined && answer.error !== null) {
      const error = asErrorObject(answer.error);
      if (error) {
        const message = `client answered ${pending.method} with error ${error.code}: ${error.message}`;
        pending.reject(new ClientCallError('CLIENT_ERROR', pending.method, message, error));
      } else {
        pending.reject(
          new ClientCallError('INVALID_RESPONSE', pending.method, 'malformed error in the answer'),
        );
      }
      return;
    }
    if (!answer.hasResult) {
      pending.reject(new ClientCallError('INVALID_RESPONSE', pending.method, 'answer without a result'));
      return;
    }
    pending.resolve(answer.result);
  }

  /** Rejects every pending call with `CONNECTION_CLOSED`; later calls reject at once. Idempotent. */
  close(): void {
    this.closed = true;
    for (const pending of [...this.pending.values()]) pending.reject(closedError(pending.method));
  }

  /** Calls waiting for an answer. */
  get size(): number {
    return this.pending.size;
  }
}

function closedError(method: string): ClientCallError {
  return new ClientCallError('CONNECTION_CLOSED', method, `connection closed before ${method} was answered`);
}

function abortedError(method: string): ClientCallError {
  return new ClientCallError('ABORTED', method, `${method} was aborted`);
}

function asErrorObject(value: unknown): RpcErrorObject | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, message, data } = value as Record<string, unknown>;
  if (typeof code !== 'number' || !Number.isInteger(code) || typeof message !== 'string') return undefined;
  return data === undefined ? { code, message } : { code, message, data };
}
