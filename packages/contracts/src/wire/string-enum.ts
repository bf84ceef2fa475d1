import { Type, type TUnsafe } from '@sinclair/typebox';

/** A JSON Schema `{type:"string", enum:[…]}` whose static type is the union of the given names. */
export function stringEnum<const T extends readonly string[]>(
  values: T,
  options: { $id?: string; description?: string } = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });
}
