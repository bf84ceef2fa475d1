import { Type, type Static } from '@sinclair/typebox';
import { TurnTerminalCauseKind, WireUsage } from './common.js';
import { SchemaWarning } from './schema-warning.js';
import { SkillRuntimeDiagnostics } from './skills.js';

/** Why structured-output extraction failed; the run itself still succeeds (01 §9). */
export const ExtractionError = Type.Object({
  last_output: Type.String(),
  attempts: Type.Integer({ minimum: 0 }),
  reason: Type.String(),
});
export type ExtractionError = Static<typeof ExtractionError>;

/**
 * The result of one run (01 §5). `usage` is the usage of this run (00-decisions.md §8). The SDKs require
 * `turns`, `tool_calls`, `usage.input_tokens` and `usage.output_tokens` to be numbers.
 */
export const WireRunResult = Type.Object({
  session_id: Type.String(),
  session_ref: Type.Optional(Type.String()),
  text: Type.String(),
  turns: Type.Integer({ minimum: 0 }),
  tool_calls: Type.Integer({ minimum: 0 }),
  usage: WireUsage,
  terminal_cause_kind: Type.Optional(TurnTerminalCauseKind),
  structured_output: Type.Optional(Type.Unknown()),
  extraction_error: Type.Optional(ExtractionError),
  schema_warnings: Type.Optional(Type.Array(SchemaWarning)),
  skill_diagnostics: Type.Optional(SkillRuntimeDiagnostics),
});
export type WireRunResult = Static<typeof WireRunResult>;
