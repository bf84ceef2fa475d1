import { MAX_JSON_DEPTH, parseJson, rpcError, type RpcErrorObject } from '@rkat/contracts';
import { isRequestId, type RequestId } from './request-id.js';
import { scanRequestId } from './scan-request-id.js';

/** The params of a request or notification: always a plain JSON object (missing or null params are `{}`). */
export type JsonObject = Readonly<Record<string, unknown>>;

/** An input line, classified (01 §2, 00-decisions.md §3, §4). */
export type InboundMessage =
  | { readonly kind: 'request'; readonly id: RequestId; readonly method: string; readonly params: JsonObject }
  | { readonly kind: 'notification'; readonly method: string; readonly params: JsonObject }
  /** A message without `method`: the answer to a server→client request. */
  | {
      readonly kind: 'response';
      readonly id: RequestId | null;
      readonly hasResult: boolean;
      readonly result: unknown;
      readonly error: unknown;
    }
  /** A bad line, with the error to answer and the id to echo (`null` when it could not be read). */
  | { readonly kind: 'invalid'; readonly id: RequestId | null; readonly error: RpcErrorObject };

const invalid = (id: RequestId | null, detail: string): InboundMessage => ({
  kind: 'invalid',
  id,
  error: rpcError('INVALID_REQUEST', `Invalid request: ${detail}`),
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Classifies one line of input text. Not JSON → -32700 `Parse error: <detail>` with `id: null`; JSON nested
 * past `MAX_JSON_DEPTH` → -32600 (`data.code = "JSON_TOO_DEEP"`) echoing a top-level id; JSON that
 * is not a request (not an object, a batch, a bad `jsonrpc`, `method` not a string, a bad `id`, `params` not
 * an object) → -32600 echoing the id when it is readable. Responses (no `method`) do not need `jsonrpc`,
 * since the 0.6.6 SDKs may omit it there. Never throws.
 */
export function classifyMessage(text: string): InboundMessage {
  const parsed = parseJson(text);
  if (!parsed.ok && parsed.tooDeep) {
    // Valid JSON that is refused: the id is echoed when the top level holds one (00-decisions.md §3).
    const data = { code: 'JSON_TOO_DEEP', max_depth: MAX_JSON_DEPTH };
    const error = rpcError('INVALID_REQUEST', `Invalid request: ${parsed.error}`, data);
    return { kind: 'invalid', id: scanRequestId(text) ?? null, error };
  }
  if (!parsed.ok)
    return { kind: 'invalid', id: null, error: rpcError('PARSE_ERROR', `Parse error: ${parsed.error}`) };
  const message = parsed.value;
  if (Array.isArray(message)) return invalid(null, 'batch requests are not supported');
  if (!isPlainObject(message)) return invalid(null, 'a message must be a JSON object');
  const rawId = Object.hasOwn(message, 'id') ? message.id : undefined;
  const id = isRequestId(rawId) ? rawId : null;
  if (!Object.hasOwn(message, 'method')) {
    const hasResult = Object.hasOwn(message, 'result');
    if (hasResult || Object.hasOwn(message, 'error')) {
      return { kind: 'response', id, hasResult, result: message.result, error: message.error };
    }
    return invalid(id, 'missing `method`');
  }
  if (message.jsonrpc !== '2.0') return invalid(id, '`jsonrpc` must be "2.0"');
  const method = message.method;
  if (typeof method !== 'string') return invalid(id, '`method` must be a string');
  if (rawId !== undefined && rawId !== null && id === null) {
    return invalid(null, '`id` must be a number or a string');
  }
  const rawParams = Object.hasOwn(message, 'params') ? message.params : undefined;
  if (rawParams !== undefined && rawParams !== null && !isPlainObject(rawParams)) {
    return invalid(id, '`params` must be an object');
  }
  const params: JsonObject = isPlainObject(rawParams) ? rawParams : {};
  return id === null ? { kind: 'notification', method, params } : { kind: 'request', id, method, params };
}
