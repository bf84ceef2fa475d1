import { Type, type Static } from '@sinclair/typebox';

/** Usage as carried by events: the cache keys are always present (null when unknown). */
export const Usage = Type.Object({
  input_tokens: Type.Integer({ minimum: 0 }),
  output_tokens: Type.Integer({ minimum: 0 }),
  cache_creation_tokens: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  cache_read_tokens: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});
export type Usage = Static<typeof Usage>;

/** Usage as carried by results: `total_tokens` = input + output; cache keys optional. */
export const WireUsage = Type.Object({
  input_tokens: Type.Integer({ minimum: 0 }),
  output_tokens: Type.Integer({ minimum: 0 }),
  total_tokens: Type.Integer({ minimum: 0 }),
  cache_creation_tokens: Type.Optional(Type.Integer({ minimum: 0 })),
  cache_read_tokens: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type WireUsage = Static<typeof WireUsage>;

/** Why an LLM call stopped (01 §6.4). */
export const StopReason = Type.Union([
  Type.Literal('end_turn'),
  Type.Literal('tool_use'),
  Type.Literal('max_tokens'),
  Type.Literal('stop_sequence'),
  Type.Literal('content_filter'),
  Type.Literal('cancelled'),
]);
export type StopReason = Static<typeof StopReason>;

/** The providers a session can name on the wire; `session/read` adds `other` (SessionProviderName). */
export const ProviderName = Type.Union([
  Type.Literal('anthropic'),
  Type.Literal('openai'),
  Type.Literal('gemini'),
  Type.Literal('self_hosted'),
]);
export type ProviderName = Static<typeof ProviderName>;

/** What ended a run, as `terminal_cause_kind` (01 §5). */
export const TurnTerminalCauseKind = Type.Union([
  Type.Literal('unknown'),
  Type.Literal('hook_denied'),
  Type.Literal('hook_failure'),
  Type.Literal('llm_failure'),
  Type.Literal('tool_failure'),
  Type.Literal('structured_output_validation_failed'),
  Type.Literal('budget_exhausted'),
  Type.Literal('time_budget_exceeded'),
  Type.Literal('retry_exhausted'),
  Type.Literal('turn_limit_reached'),
  Type.Literal('runtime_apply_failure'),
  Type.Literal('fatal_failure'),
]);
export type TurnTerminalCauseKind = Static<typeof TurnTerminalCauseKind>;

/** How a run ended (01 §5). */
export const TurnTerminalOutcome = Type.Union([
  Type.Literal('none'),
  Type.Literal('completed'),
  Type.Literal('failed'),
  Type.Literal('cancelled'),
  Type.Literal('budget_exhausted'),
  Type.Literal('time_budget_exceeded'),
  Type.Literal('structured_output_validation_failed'),
]);
export type TurnTerminalOutcome = Static<typeof TurnTerminalOutcome>;

/** `{secs, nanos}` as serde writes a Rust Duration. */
export const WireDuration = Type.Object({
  secs: Type.Integer({ minimum: 0 }),
  nanos: Type.Integer({ minimum: 0, maximum: 999_999_999 }),
});
export type WireDuration = Static<typeof WireDuration>;

/** Per-run limits (01 §5, §7.3); `null` means unset. */
export const BudgetLimits = Type.Object({
  max_tokens: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  max_duration: Type.Optional(Type.Union([WireDuration, Type.Null()])),
  max_tool_calls: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
});
export type BudgetLimits = Static<typeof BudgetLimits>;
