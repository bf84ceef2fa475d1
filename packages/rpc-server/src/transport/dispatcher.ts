import { rpcError, type RpcErrorObject } from '@rkat/contracts';
import type { InboundMessage, JsonObject } from './classify-message.js';
import type { CallClientOptions } from './client-calls.js';
import type { Logger } from './logger.js';
import type { ConnectionPort, MethodTable, RequestContext, RpcMethod } from './method-table.js';
import { isRequestId, requestIdKey, type RequestId } from './request-id.js';
import { INTERNAL_ERROR_MESSAGE, REQUEST_CANCELLED_MESSAGE, RpcError } from './rpc-error.js';
import { errorLine, resultLine } from './wire-messages.js';

/** Maps a handler's non-`RpcError` failure to a typed one; `undefined` means an internal error. */
export type ErrorMapper = (error: unknown) => RpcError | undefined;

/** Options of a `Dispatcher`. */
export interface DispatcherOptions {
  readonly methods: MethodTable;
  readonly connection: ConnectionPort;
  /** Queues a response line (never dropped). */
  readonly respond: (line: string) => void;
  /** Routes answers to server→client requests. */
  readonly onClientAnswer: (answer: Extract<InboundMessage, { kind: 'response' }>) => void;
  readonly mapError?: ErrorMapper;
  readonly logger: Logger;
}

interface InFlight {
  readonly id: RequestId;
  readonly key: string;
  readonly controller: AbortController;
  answered: boolean;
  /** Set for inline requests: releases the read loop once the request is answered (or cancelled). */
  onAnswered?: () => void;
}

/**
 * Runs classified messages against a method table: requests concurrently (inline ones in order), `cancel`
 * and `initialized` notifications, duplicate-id rejection, and exactly one response per request id.
 */
export class Dispatcher {
  private readonly inFlight = new Map<string, InFlight>();

  constructor(private readonly options: DispatcherOptions) {}

  /** Requests started and not yet answered. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Handles one message. Returns a promise only for an inline request: await it before the next line. */
  dispatch(message: InboundMessage): Promise<void> | undefined {
    switch (message.kind) {
      case 'invalid':
        this.options.respond(errorLine(message.id, message.error));
        return undefined;
      case 'response':
        this.options.onClientAnswer(message);
        return undefined;
      case 'notification':
        this.notification(message.method, message.params);
        return undefined;
      case 'request':
        return this.request(message.id, message.method, message.params);
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }

  /** Aborts every in-flight request and answers each -32005 (the connection is closing). */
  abortAll(): void {
    for (const entry of [...this.inFlight.values()]) this.cancel(entry);
  }

  private notification(method: string, params: JsonObject): void {
    if (method === 'cancel') {
      const target = params.request_id;
      const entry = isRequestId(target) ? this.inFlight.get(requestIdKey(target)) : undefined;
      if (entry) this.cancel(entry);
      else this.options.logger.debug('cancel for no in-flight request', { request_id: target });
      return;
    }
    if (method !== 'initialized') this.options.logger.debug('ignored notification', { method });
  }

  private request(id: RequestId, method: string, params: JsonObject): Promise<void> | undefined {
    // `cancel` is a notification only (01 §2), whatever the table holds.
    const handler = method === 'cancel' ? undefined : this.options.methods.get(method);
    if (!handler) {
      this.options.respond(errorLine(id, rpcError('METHOD_NOT_FOUND', `Method not found: ${method}`)));
      return undefined;
    }
    const key = requestIdKey(id);
    if (this.inFlight.has(key)) {
      const data = { code: 'DUPLICATE_REQUEST_ID' };
      this.options.respond(
        errorLine(id, rpcError('INVALID_REQUEST', 'Invalid request: duplicate request id', data)),
      );
      return undefined;
    }
    const entry: InFlight = { id, key, controller: new AbortController(), answered: false };
    this.inFlight.set(key, entry);
    const run = this.run(handler, params, this.context(entry, method))
      .then(
        (result) => this.answer(entry, () => resultLine(id, result)),
        (error: unknown) => this.answer(entry, () => errorLine(id, this.toErrorObject(error, method))),
      )
      .catch((error: unknown) => this.options.logger.error('could not answer a request', { method, error }));
    void run;
    // Resolves on the answer, not on the handler: a cancelled inline handler that never settles must not
    // stall the read loop.
    return handler.inline ? new Promise((resolve) => (entry.onAnswered = resolve)) : undefined;
  }

  private async run(handler: RpcMethod, params: JsonObject, context: RequestContext): Promise<unknown> {
    return handler.handle(params, context);
  }

  private context(entry: InFlight, method: string): RequestContext {
    const connection = this.options.connection;
    const signal = entry.controller.signal;
    return {
      id: entry.id,
      method,
      signal,
      connection,
      notify: (name, params, options) => connection.notify(name, params, options),
      callClient: (name, params, options: CallClientOptions = {}) =>
        connection.callClient(name, params, {
          ...options,
          signal: options.signal ? AbortSignal.any([signal, options.signal]) : signal,
        }),
    };
  }

  private cancel(entry: InFlight): void {
    // Abort first: what abort listeners notify synchronously is still written before the -32005 answer.
    entry.controller.abort(new RpcError('REQUEST_CANCELLED', REQUEST_CANCELLED_MESSAGE));
    this.answer(entry, () => errorLine(entry.id, rpcError('REQUEST_CANCELLED', REQUEST_CANCELLED_MESSAGE)));
  }

  private answer(entry: InFlight, line: () => string): void {
    if (entry.answered) return;
    entry.answered = true;
    this.inFlight.delete(entry.key);
    this.options.respond(line());
    entry.onAnswered?.();
  }

  private toErrorObject(error: unknown, method: string): RpcErrorObject {
    if (error instanceof RpcError) return error.toErrorObject();
    try {
      const mapped = this.options.mapError?.(error);
      if (mapped) return mapped.toErrorObject();
    } catch (mapperError) {
      this.options.logger.error('error mapper threw', { method, error: mapperError });
    }
    // Error text may quote secrets the source failed to strip: only the class goes out below trace.
    this.options.logger.error('handler failed', { method, error: errorClass(error) });
    this.options.logger.trace('handler failure detail', { method, error });
    return rpcError('INTERNAL_ERROR', INTERNAL_ERROR_MESSAGE);
  }
}

function errorClass(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} (${code})` : error.name;
}
