/** snake_case → camelCase, at the type level (`tool_calls` → `toolCalls`). */
export type SnakeToCamel<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<SnakeToCamel<Tail>>}`
  : S;

/** An object type with its top-level keys in camelCase (values unchanged). */
export type CamelKeys<T> = { [K in keyof T as K extends string ? SnakeToCamel<K> : K]: T[K] };

/** snake_case → camelCase, at run time. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** A copy of `value` with its top-level keys in camelCase; `undefined` values are left out. */
export function camelKeys(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) out[snakeToCamel(key)] = entry;
  }
  return out;
}
