import { Type, type Static } from '@sinclair/typebox';
import { stringEnum } from './string-enum.js';

/**
 * The wrapper form of `output_schema` (01 §9). A raw JSON Schema object is accepted too; an object counts
 * as this wrapper when it has `schema` and either `format: "meerkat_v1"` or only the keys listed here
 * (that rule is applied by core, not by this schema).
 */
export const OutputSchemaWrapper = Type.Object(
  {
    schema: Type.Record(Type.String(), Type.Unknown()),
    name: Type.Optional(Type.String()),
    strict: Type.Optional(Type.Boolean({ default: false })),
    compat: Type.Optional(stringEnum(['lossy', 'strict'] as const)),
    format: Type.Optional(Type.Literal('meerkat_v1')),
  },
  { additionalProperties: false },
);
export type OutputSchemaWrapper = Static<typeof OutputSchemaWrapper>;
