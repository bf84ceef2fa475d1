import { Type, type TNull, type TOptional, type TSchema, type TUnion } from '@sinclair/typebox';

/** `schema | null`. */
export function nullable<T extends TSchema>(schema: T): TUnion<[T, TNull]> {
  return Type.Union([schema, Type.Null()]);
}

/**
 * An optional request field that also accepts `null`: the SDKs send explicit `null` for unset options,
 * and `null` means absent (00-decisions.md §9b).
 */
export function optionalNullable<T extends TSchema>(schema: T): TOptional<TUnion<[T, TNull]>> {
  return Type.Optional(nullable(schema));
}
