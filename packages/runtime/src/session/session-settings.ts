import { Type, type Static } from '@sinclair/typebox';
import { BudgetLimits, checkContract, formatIssues } from '@rkat/contracts';
import type { RunBudget } from '@rkat/core';
import { RuntimeError } from '../errors/runtime-error.js';

const opt = Type.Optional;

/**
 * Create-time options persisted with a session (in `SessionRecord.settings`, as JSON) so that another
 * process resumes the session with the same behaviour. `output_schema` is stored already normalized.
 */
export const SessionSettings = Type.Object({
  max_tokens: Type.Integer({ minimum: 1 }),
  structured_output_retries: Type.Integer({ minimum: 0 }),
  system_prompt: opt(Type.String()),
  output_schema: opt(
    Type.Object({
      schema: Type.Record(Type.String(), Type.Unknown()),
      name: Type.String(),
      strict: Type.Boolean(),
    }),
  ),
  budget_limits: opt(BudgetLimits),
  temperature: opt(Type.Number()),
  provider_params: opt(Type.Record(Type.String(), Type.Unknown())),
});
export type SessionSettings = Static<typeof SessionSettings>;

/** Reads stored settings; a row that does not match fails closed with `RuntimeError('INTERNAL_ERROR')`. */
export function parseSessionSettings(sessionId: string, raw: unknown): SessionSettings {
  const checked = checkContract<SessionSettings>(SessionSettings, raw);
  if (!checked.ok) {
    throw new RuntimeError(
      'INTERNAL_ERROR',
      `stored settings of session ${sessionId} are unreadable: ${formatIssues(checked.issues)}`,
    );
  }
  return checked.value;
}

/**
 * The run budget: each limit from the session's `budget_limits` when set there, else from the realm's
 * `[budget]` section. Returns undefined when no limit applies.
 */
export function resolveRunBudget(
  limits: BudgetLimits | undefined,
  realmBudget: Omit<RunBudget, 'warningThreshold'>,
  warningThreshold: number,
): RunBudget | undefined {
  const budget: RunBudget = { ...realmBudget };
  if (limits?.max_tokens != null) budget.maxTokens = limits.max_tokens;
  if (limits?.max_tool_calls != null) budget.maxToolCalls = limits.max_tool_calls;
  if (limits?.max_duration != null) {
    budget.maxDurationMs = limits.max_duration.secs * 1000 + Math.floor(limits.max_duration.nanos / 1e6);
  }
  if (
    budget.maxTokens === undefined &&
    budget.maxToolCalls === undefined &&
    budget.maxDurationMs === undefined
  ) {
    return undefined;
  }
  return { ...budget, warningThreshold };
}
