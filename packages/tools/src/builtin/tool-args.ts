/**
 * Readers for tool arguments that the schema already checked. Optional parameters accept `null` as absent,
 * like the original's `Option<T>` fields, so a model that sends `"owner": null` is not refused.
 */

export function requiredString(args: Record<string, unknown>, name: string): string {
  const value = args[name];
  if (typeof value !== 'string') throw new TypeError(`'${name}' must be a string`);
  return value;
}

export function optionalString(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}

export function optionalBoolean(args: Record<string, unknown>, name: string): boolean | undefined {
  const value = args[name];
  return typeof value === 'boolean' ? value : undefined;
}

export function optionalInteger(args: Record<string, unknown>, name: string): number | undefined {
  const value = args[name];
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function optionalStringList(args: Record<string, unknown>, name: string): string[] | undefined {
  const value = args[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

export function optionalObject(
  args: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  const value = args[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** JSON Schema for an optional parameter of `type`: the type or `null`. */
export function nullable(schema: Record<string, unknown>): Record<string, unknown> {
  const type = schema.type;
  const widened: Record<string, unknown> =
    typeof type === 'string' ? { ...schema, type: [type, 'null'] } : { ...schema };
  if (Array.isArray(schema.enum)) widened.enum = [...(schema.enum as unknown[]), null];
  return widened;
}
