/** A JSON object as config data: string keys, JSON values. */
export type ConfigData = Record<string, unknown>;

const INERT_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a non-null, non-array object (the only values a merge recurses into). */
export function isPlainObject(value: unknown): value is ConfigData {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * A deep copy of parsed data as plain JSON: ordinary prototypes, dates as ISO strings, and no `__proto__`,
 * `constructor` or `prototype` keys (so a later merge cannot pollute a prototype).
 */
export function toPlainData(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlainData);
  if (typeof value !== 'object' || value === null) return value;
  const copy: ConfigData = {};
  for (const [key, child] of Object.entries(value)) {
    if (!INERT_KEYS.has(key)) copy[key] = toPlainData(child);
  }
  return copy;
}

/** A deep copy without the object members whose value is `null` ("null means absent", 00-decisions.md §9b). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  const copy: ConfigData = {};
  for (const [key, child] of Object.entries(value)) {
    if (child !== null && !INERT_KEYS.has(key)) copy[key] = withoutNulls(child);
  }
  return copy;
}
