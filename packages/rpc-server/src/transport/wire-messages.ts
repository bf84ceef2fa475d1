import { rpcError, type RpcErrorObject } from '@rkat/contracts';
import { INTERNAL_ERROR_MESSAGE } from './rpc-error.js';
import type { RequestId } from './request-id.js';

/**
 * The compact JSON line of a success response. A result that cannot be serialized (a cycle, a BigInt)
 * becomes a -32603 answer, so the client is still answered; `undefined` is sent as `null`.
 */
export function resultLine(id: RequestId | null, result: unknown): string {
  const line = stringify({ jsonrpc: '2.0', id, result: result ?? null });
  return line ?? errorLine(id, rpcError('INTERNAL_ERROR', INTERNAL_ERROR_MESSAGE));
}

/** The compact JSON line of an error response. Unserializable `data` is left out. */
export function errorLine(id: RequestId | null, error: RpcErrorObject): string {
  const line = stringify({ jsonrpc: '2.0', id, error });
  if (line !== undefined) return line;
  return JSON.stringify({ jsonrpc: '2.0', id, error: { code: error.code, message: error.message } });
}

/** The line of a notification or server→client request, or `undefined` when `params` cannot be serialized. */
export function messageLine(method: string, params: unknown, id?: string): string | undefined {
  return stringify(
    id === undefined ? { jsonrpc: '2.0', method, params } : { jsonrpc: '2.0', id, method, params },
  );
}

function stringify(message: object): string | undefined {
  try {
    return JSON.stringify(message);
  } catch {
    return undefined;
  }
}
