import type { CallClientOptions } from './client-calls.js';
import type { RequestId } from './request-id.js';

/**
 * How a notification is queued. `event` notifications (the default) are dropped when the outbound queue is
 * full and reported to the connection's `onDropped`; `control` ones are never dropped (use it for
 * `stream_end`, lag markers and other rare messages).
 */
export interface NotifyOptions {
  readonly kind?: 'event' | 'control';
  /** Groups drops in the lag report (e.g. the session id). Default: the method. */
  readonly streamKey?: string;
}

/** The connection a request arrived on, for work that outlives one request (e.g. an open event stream). */
export interface ConnectionPort {
  /** Unique within the process, e.g. `conn-0`. */
  readonly id: string;
  /** Aborted when the connection closes. */
  readonly signal: AbortSignal;
  /** Queues a notification; false when it was dropped or the connection is closing. */
  notify(method: string, params: unknown, options?: NotifyOptions): boolean;
  /**
   * Sends a server→client request (`srv-<n>`) and resolves with the client's `result`. Rejects with a
   * `ClientCallError` on a JSON-RPC error, a missing result, the timeout, an abort or the connection closing.
   */
  callClient(method: string, params: unknown, options?: CallClientOptions): Promise<unknown>;
}

/** What a handler gets besides its params. */
export interface RequestContext {
  readonly id: RequestId;
  readonly method: string;
  /**
   * Aborted by a `cancel` notification for this id or by the connection closing; the reason is an
   * `RpcError` (REQUEST_CANCELLED). The request has been answered -32005 by then and whatever the handler
   * returns afterwards is discarded.
   */
  readonly signal: AbortSignal;
  readonly connection: ConnectionPort;
  /**
   * Queues a notification. Every notification queued before the handler settles is written before this
   * request's response (00-decisions.md §2), unless it is an event dropped under backpressure.
   */
  notify(method: string, params: unknown, options?: NotifyOptions): boolean;
  /** `connection.callClient`, also aborted when this request is cancelled. */
  callClient(method: string, params: unknown, options?: CallClientOptions): Promise<unknown>;
}

/** One JSON-RPC method. */
export interface RpcMethod {
  /**
   * Run in arrival order: later input lines are not dispatched until this handler settles (e.g.
   * `tools/register`, 01 §2). Default false: requests run concurrently.
   */
  readonly inline?: boolean;
  /**
   * Handles one request. `params` is always a plain JSON object (missing params are `{}`) that the
   * handler still validates against its schema. Resolves with the `result`; throws an `RpcError` for a
   * typed failure. Anything else thrown is answered -32603 `Internal error`.
   */
  handle(params: unknown, context: RequestContext): Promise<unknown>;
}

/** Method name → handler. A `Map`, so that names like `constructor` never reach `Object.prototype`. */
export type MethodTable = ReadonlyMap<string, RpcMethod>;

/** Builds a `MethodTable` from the own properties of an object literal. */
export function methodTable(methods: Readonly<Record<string, RpcMethod>>): MethodTable {
  return new Map(Object.entries(methods));
}
