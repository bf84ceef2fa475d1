import { checkContract, formatIssues } from '@rkat/contracts';
import { RpcError } from '../transport/index.js';

/** `-32602 Invalid params: <detail>`. */
export function invalidParams(detail: string): RpcError {
  return new RpcError('INVALID_PARAMS', `Invalid params: ${detail}`);
}

/**
 * The params object without its `null` members (00-decisions.md §4, §9b: missing params are `{}`, `null`
 * means absent). Throws -32602 for params that are not an object.
 */
export function paramsObject(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalidParams('params must be an object');
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    // defineProperty: a `__proto__` key stays an inert own property.
    if (value !== null)
      Object.defineProperty(params, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return params;
}

/**
 * Parses params against a JSON Schema (`additionalProperties: false` makes a method strict). Throws -32602
 * `Invalid params: <issues>` (serde's wording for a missing field: ``missing field `realm_id` ``).
 */
export function parseParams<T>(schema: object, raw: unknown): T {
  const checked = checkContract<T>(schema, paramsObject(raw));
  if (!checked.ok) throw invalidParams(formatIssues(checked.issues));
  return checked.value;
}
