import { isPlainObject, toPlainData, type ConfigData } from './config-data.js';

/**
 * Applies an RFC 7396 JSON merge patch and returns the result; neither input is modified. An object patch
 * merges member by member (recursively), a `null` member deletes, and anything else — including arrays and a
 * non-object patch — replaces. `__proto__`, `constructor` and `prototype` members are ignored. Pure.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return toPlainData(patch);
  const result: ConfigData = isPlainObject(target) ? (toPlainData(target) as ConfigData) : {};
  for (const [key, value] of Object.entries(toPlainData(patch) as ConfigData)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value);
  }
  return result;
}
