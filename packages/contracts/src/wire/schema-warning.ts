import { Type, type Static } from '@sinclair/typebox';

/**
 * A structured-output keyword a provider may ignore (01 §9). `provider` is written `openai`, never the
 * original's `open_a_i` (00-decisions.md §9).
 */
export const SchemaWarning = Type.Object({
  provider: Type.Union([
    Type.Literal('anthropic'),
    Type.Literal('openai'),
    Type.Literal('gemini'),
    Type.Literal('self_hosted'),
  ]),
  path: Type.String(),
  message: Type.String(),
});
export type SchemaWarning = Static<typeof SchemaWarning>;
