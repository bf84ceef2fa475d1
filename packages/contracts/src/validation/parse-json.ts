const INERT_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The parsed value, or the parser's message. */
export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Parses JSON text without ever producing `__proto__`, `constructor` or `prototype` keys, so a parsed
 * payload can be merged or assigned without prototype pollution. Never throws.
 */
export function parseJson(text: string): JsonParseResult {
  try {
    return {
      ok: true,
      value: JSON.parse(text, (key, value: unknown) => (INERT_KEYS.has(key) ? undefined : value)),
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
