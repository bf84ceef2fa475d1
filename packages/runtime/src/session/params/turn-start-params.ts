import { Type, type Static } from '@sinclair/typebox';
import { AuthBindingRef, ContentInput, SkillRef, type ContentInput as Prompt } from '@rkat/contracts';
import { FlowToolOverlay } from '../../callback-tools/tool-visibility.js';
import type { TurnOverrides } from '../session-options.js';
import { checkParams, paramsObject, rejectRetiredSkillReferences } from './param-checks.js';

const opt = Type.Optional;
const u32 = Type.Integer({ minimum: 0, maximum: 4_294_967_295 });

/** `turn/start` params (01 §7.1). Unknown fields are ignored. */
export const TurnStartParams = Type.Object({
  session_id: Type.String(),
  prompt: ContentInput,
  skill_refs: opt(Type.Array(SkillRef)),
  flow_tool_overlay: opt(FlowToolOverlay),
  additional_instructions: opt(Type.Array(Type.String())),
  keep_alive: opt(Type.Boolean()),
  model: opt(Type.String()),
  provider: opt(Type.String()),
  provider_params: opt(Type.Record(Type.String(), Type.Unknown())),
  clear_provider_params: opt(Type.Boolean()),
  auth_binding: opt(AuthBindingRef),
  clear_auth_binding: opt(Type.Boolean()),
  max_tokens: opt(u32),
  system_prompt: opt(Type.String()),
  output_schema: opt(Type.Unknown()),
  structured_output_retries: opt(u32),
});
export type TurnStartParams = Static<typeof TurnStartParams>;

/** A parsed `turn/start`: the locator, the prompt and the overrides (without a signal or listener). */
export interface TurnStartRequest {
  sessionId: string;
  prompt: Prompt;
  overrides: TurnOverrides;
}

/**
 * Parses `turn/start` params. `null` members are absent. Throws `RuntimeError('INVALID_PARAMS')` for a
 * missing `session_id` or `prompt`, a value of the wrong type or the retired `skill_references`. Whether an
 * override is allowed is decided by `startTurn`.
 */
export function parseTurnStartParams(raw: unknown): TurnStartRequest {
  const params = paramsObject(raw);
  rejectRetiredSkillReferences(params);
  const p = checkParams<TurnStartParams>(TurnStartParams, params);
  const overrides: TurnOverrides = {
    skillRefs: p.skill_refs,
    flowToolOverlay: p.flow_tool_overlay,
    additionalInstructions: p.additional_instructions,
    keepAlive: p.keep_alive,
    model: p.model,
    provider: p.provider,
    providerParams: p.provider_params,
    clearProviderParams: p.clear_provider_params,
    authBinding: p.auth_binding,
    clearAuthBinding: p.clear_auth_binding,
    maxTokens: p.max_tokens,
    systemPrompt: p.system_prompt,
    outputSchema: p.output_schema,
    structuredOutputRetries: p.structured_output_retries,
  };
  return {
    sessionId: p.session_id,
    prompt: p.prompt,
    overrides: Object.fromEntries(
      Object.entries(overrides).filter(([, value]) => value !== undefined),
    ) as TurnOverrides,
  };
}
