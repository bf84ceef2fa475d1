import { checkContract, formatIssues, parseJson } from '@rkat/contracts';
import { StoreError } from '@rkat/core';

/**
 * Decodes stored JSON text and checks it against `schema`. `__proto__`, `constructor` and `prototype`
 * keys are dropped by `parseJson`, so a hostile row cannot pollute a prototype, and nesting past
 * `MAX_JSON_DEPTH` is refused, so it cannot exhaust the stack of later code (reliability row 38).
 * Throws `StoreError('corrupt', '<what>: …')` naming the row.
 */
export function decodeStoredJson<T>(text: unknown, schema: object, what: string): T {
  if (typeof text !== 'string') throw new StoreError('corrupt', `${what}: stored value is not JSON text`);
  const parsed = parseJson(text);
  if (!parsed.ok) throw new StoreError('corrupt', `${what}: invalid JSON: ${parsed.error}`);
  const checked = checkContract<T>(schema, parsed.value);
  if (!checked.ok) throw new StoreError('corrupt', `${what}: ${formatIssues(checked.issues)}`);
  return checked.value;
}

/** JSON text for a value about to be written, plus the copy a later read will produce. */
export interface EncodedValue<T> {
  text: string;
  value: T;
}

/**
 * Serializes a value for storage and proves it reads back valid, so no write can create a row a later
 * read would reject. Throws `StoreError('corrupt', 'refusing to write <what>: …')` and writes nothing.
 */
export function encodeForStorage<T>(value: unknown, schema: object, what: string): EncodedValue<T> {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new StoreError('corrupt', `refusing to write ${what}: not serializable as JSON`, { cause: error });
  }
  if (text === undefined) throw new StoreError('corrupt', `refusing to write ${what}: no JSON value`);
  try {
    return { text, value: decodeStoredJson<T>(text, schema, what) };
  } catch (error) {
    if (error instanceof StoreError) throw new StoreError('corrupt', `refusing to write ${error.message}`);
    throw error;
  }
}

/** A deep copy of a valid value through its stored JSON form (the memory store's copy-in and copy-out). */
export function copyThroughJson<T>(value: T, schema: object, what: string): T {
  return encodeForStorage<T>(value, schema, what).value;
}
