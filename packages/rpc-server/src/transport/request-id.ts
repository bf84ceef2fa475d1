/** A JSON-RPC request id: a JSON number or string (01 §2). `null` is not an id: it makes a notification. */
export type RequestId = number | string;

/** True when `value` can be a request id (a finite number or a string). */
export function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * A map key that keeps the JSON type of an id, so `1` and `"1"` never collide (01 §2: `cancel` matches
 * the id in JSON type too).
 */
export function requestIdKey(id: RequestId): string {
  return typeof id === 'number' ? `n:${id}` : `s:${id}`;
}
