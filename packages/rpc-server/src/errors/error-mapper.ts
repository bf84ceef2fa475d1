import { StoreError } from '@rkat/core';
import { RuntimeError, TurnFailedError, rpcErrorCodeOf, turnErrorMetadata } from '@rkat/runtime';
import type { ErrorMapper } from '../transport/index.js';
import { RpcError } from '../transport/index.js';

/**
 * The `RpcError` of a failed run (00-decisions.md §7): the class code of `rpcErrorCodeOf`, the message
 * `turn abandoned: <reason>`, `data.error` (TurnErrorMetadata) and, for the first turn of `session/create`,
 * `data.session_id` naming the session that was created.
 */
export function turnFailureRpcError(
  error: TurnFailedError,
  options: { withSessionId?: boolean } = {},
): RpcError {
  const data: Record<string, unknown> = { error: turnErrorMetadata(error) };
  if (options.withSessionId === true) data.session_id = error.sessionId;
  return new RpcError(rpcErrorCodeOf(error), error.message, { data, cause: error });
}

/**
 * Maps a handler's runtime failure to its contract error (01 §3): a `TurnFailedError` through
 * `turnFailureRpcError`, any other `RuntimeError` to `rpcErrorCodeOf(error)` with its message (runtime
 * messages never carry secrets), a `StoreError` to -32603 `storage error (<code>): <message>`. Anything
 * else is left to the transport (-32603 `Internal error`).
 */
export const mapRuntimeError: ErrorMapper = (error) => {
  if (error instanceof TurnFailedError) return turnFailureRpcError(error);
  if (error instanceof RuntimeError)
    return new RpcError(rpcErrorCodeOf(error), error.message, { cause: error });
  // Reliability row 30: a read that hits an undecodable row names that row (store messages carry row ids
  // and decode issues, never secrets) instead of a bare `Internal error`.
  if (error instanceof StoreError) {
    return new RpcError('INTERNAL_ERROR', `storage error (${error.code}): ${error.message}`, {
      cause: error,
    });
  }
  return undefined;
};
