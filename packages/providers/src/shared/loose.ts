/** A decoded JSON object read field by field, without trusting its declared type. */
export type LooseObject = Record<string, unknown>;

/** The value as an object, or undefined. */
export function asObject(value: unknown): LooseObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as LooseObject)
    : undefined;
}

/** The field as a string, or undefined. */
export function stringField(object: LooseObject | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The field as an array of objects (non-objects skipped); empty when absent. */
export function objectList(object: LooseObject | undefined, key: string): LooseObject[] {
  const value = object?.[key];
  if (!Array.isArray(value)) return [];
  return value.map(asObject).filter((entry): entry is LooseObject => entry !== undefined);
}
