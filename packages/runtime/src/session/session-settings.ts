import { Type, type Static } from '@sinclair/typebox';
import {
  AuthBindingRef,
  BudgetLimits,
  ContentInput,
  HookRunOverrides,
  PeerMeta,
  SkillKey,
  SkillRef,
  ToolDef,
  ToolFilter,
  checkContract,
  formatIssues,
} from '@rkat/contracts';
import type { RunBudget } from '@rkat/core';
import { RuntimeError } from '../errors/runtime-error.js';

const opt = Type.Optional;

/**
 * Create-time options persisted with a session (in `SessionRecord.settings`, as JSON) so that another
 * process resumes the session with the same behaviour (01 §6.1, §20). `output_schema` is stored already
 * normalized. Absent keys mean "not set" (the realm or runtime default applies). `shell_env` is for
 * shell-tool subprocesses only and never reaches the model; `staged_prompt` is a deferred create's prompt,
 * merged into the first turn; `skill_refs` apply to the first turn only.
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
  hooks_override: opt(HookRunOverrides),
  enable_builtins: opt(Type.Boolean()),
  enable_shell: opt(Type.Boolean()),
  enable_memory: opt(Type.Boolean()),
  enable_schedule: opt(Type.Boolean()),
  enable_mob: opt(Type.Boolean()),
  enable_web_search: opt(Type.Boolean()),
  tool_filter: opt(ToolFilter),
  keep_alive: opt(Type.Boolean()),
  comms_name: opt(Type.String()),
  peer_meta: opt(PeerMeta),
  auth_binding: opt(AuthBindingRef),
  preload_skills: opt(Type.Array(SkillKey)),
  skill_refs: opt(Type.Array(SkillRef)),
  additional_instructions: opt(Type.Array(Type.String())),
  app_context: opt(Type.Unknown()),
  shell_env: opt(Type.Record(Type.String(), Type.String())),
  external_tools: opt(Type.Array(ToolDef)),
  staged_prompt: opt(ContentInput),
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
 * Checks settings about to be stored; a value of the wrong shape fails with
 * `RuntimeError('INVALID_PARAMS')` before anything is written.
 */
export function checkNewSettings(settings: SessionSettings): SessionSettings {
  const checked = checkContract<SessionSettings>(SessionSettings, settings);
  if (!checked.ok) {
    throw new RuntimeError('INVALID_PARAMS', `Invalid params: ${formatIssues(checked.issues)}`);
  }
  return settings;
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
