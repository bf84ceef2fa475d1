const INERT_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Deepest nesting of arrays and objects `parseJson` accepts. Deeper input is refused rather than handed to
 * code that recurses over it (schema validation, serialization), where it would exhaust the stack. The
 * original server's serde_json refuses past 128; legitimate payloads stay far below either bound.
 */
export const MAX_JSON_DEPTH = 512;

/** The parsed value, or the parser's message (`tooDeep` when the text is JSON nested past the limit). */
export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: string; tooDeep?: true };

/**
 * Parses JSON text without ever producing `__proto__`, `constructor` or `prototype` keys, so a parsed
 * payload can be merged or assigned without prototype pollution. Refuses nesting deeper than `maxDepth`
 * (`tooDeep`). Never throws, at any depth or size of input.
 */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonParseResult {
  let value: unknown;
  try {
    // No reviver: V8 parses any depth iteratively, while a reviver recurses and overflows the stack.
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (!dropInertKeys(value, maxDepth)) {
    return { ok: false, error: `JSON nested deeper than ${maxDepth} levels`, tooDeep: true };
  }
  return { ok: true, value };
}

/**
 * Deletes the inert keys at every depth (`JSON.parse` makes them own data properties, so deleting is safe),
 * walking with an explicit stack. Returns false as soon as an array or object sits deeper than `maxDepth`.
 */
function dropInertKeys(root: unknown, maxDepth: number): boolean {
  const pending: [node: unknown, depth: number][] = [[root, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > maxDepth) return false;
    if (Array.isArray(node)) {
      for (const item of node as unknown[]) pending.push([item, depth + 1]);
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (INERT_KEYS.has(key)) delete record[key];
      else pending.push([record[key], depth + 1]);
    }
  }
  return true;
}
