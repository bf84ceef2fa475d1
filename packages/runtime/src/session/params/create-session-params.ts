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
} from '@rkat/contracts';
import type { CreateSessionOptions } from '../session-options.js';
import { checkParams, paramsObject, rejectRetiredSkillReferences } from './param-checks.js';

const opt = Type.Optional;
const u32 = Type.Integer({ minimum: 0, maximum: 4_294_967_295 });

/**
 * `session/create` params (01 §6.1), built from the contract schemas. Unknown fields are ignored
 * (00-decisions.md §4); `tool_filter` and `output_schema` are checked by the session service, which gives
 * them their own messages (`Invalid tool_filter: …`, `Invalid output_schema: …`).
 */
export const CreateSessionParams = Type.Object({
  prompt: ContentInput,
  initial_turn: opt(Type.Union([Type.Literal('run_immediately'), Type.Literal('deferred')])),
  model: opt(Type.String()),
  provider: opt(Type.String()),
  max_tokens: opt(u32),
  system_prompt: opt(Type.String()),
  output_schema: opt(Type.Unknown()),
  structured_output_retries: opt(u32),
  hooks_override: opt(HookRunOverrides),
  enable_builtins: opt(Type.Boolean()),
  enable_shell: opt(Type.Boolean()),
  enable_memory: opt(Type.Boolean()),
  enable_schedule: opt(Type.Boolean()),
  enable_mob: opt(Type.Boolean()),
  enable_web_search: opt(Type.Boolean()),
  tool_filter: opt(Type.Unknown()),
  keep_alive: opt(Type.Boolean()),
  comms_name: opt(Type.String()),
  peer_meta: opt(PeerMeta),
  budget_limits: opt(BudgetLimits),
  provider_params: opt(Type.Record(Type.String(), Type.Unknown())),
  auth_binding: opt(AuthBindingRef),
  preload_skills: opt(Type.Array(SkillKey)),
  skill_refs: opt(Type.Array(SkillRef)),
  labels: opt(Type.Record(Type.String(), Type.String())),
  additional_instructions: opt(Type.Array(Type.String())),
  app_context: opt(Type.Unknown()),
  shell_env: opt(Type.Record(Type.String(), Type.String())),
  external_tools: opt(Type.Array(ToolDef)),
});
export type CreateSessionParams = Static<typeof CreateSessionParams>;

/**
 * Parses `session/create` params into `createSession` options. `null` members are absent. Throws
 * `RuntimeError('INVALID_PARAMS')`: ``Invalid params: missing field `prompt` ``, a value of the wrong type,
 * or `Invalid params: skill_references is retired; use structured skill_refs`. The semantic rules
 * (provider, reserved labels, keep-alive, …) are checked by `createSession`.
 */
export function parseCreateSessionParams(raw: unknown): CreateSessionOptions {
  const params = paramsObject(raw);
  rejectRetiredSkillReferences(params);
  const p = checkParams<CreateSessionParams>(CreateSessionParams, params);
  const options: CreateSessionOptions = {
    prompt: p.prompt,
    model: p.model,
    provider: p.provider,
    maxTokens: p.max_tokens,
    systemPrompt: p.system_prompt,
    outputSchema: p.output_schema,
    structuredOutputRetries: p.structured_output_retries,
    hooksOverride: p.hooks_override,
    enableBuiltins: p.enable_builtins,
    enableShell: p.enable_shell,
    enableMemory: p.enable_memory,
    enableSchedule: p.enable_schedule,
    enableMob: p.enable_mob,
    enableWebSearch: p.enable_web_search,
    toolFilter: p.tool_filter as CreateSessionOptions['toolFilter'],
    keepAlive: p.keep_alive,
    commsName: p.comms_name,
    peerMeta: p.peer_meta,
    budgetLimits: p.budget_limits,
    providerParams: p.provider_params,
    authBinding: p.auth_binding,
    preloadSkills: p.preload_skills,
    skillRefs: p.skill_refs,
    labels: p.labels,
    additionalInstructions: p.additional_instructions,
    appContext: p.app_context,
    shellEnv: p.shell_env,
    externalTools: p.external_tools,
    initialTurn: p.initial_turn,
  };
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as CreateSessionOptions;
}
