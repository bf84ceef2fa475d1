import {
  AuthBindingRef,
  SkillRef,
  checkContract,
  formatIssues,
  type ContentBlock,
  type ContentInput,
} from '@rkat/contracts';
import type { SessionRecord } from '@rkat/core';
import { FlowToolOverlay as FlowToolOverlaySchema } from '../callback-tools/tool-visibility.js';
import { RuntimeError } from '../errors/runtime-error.js';
import {
  parseStoredIdentity,
  resolveModelIdentity,
  type ModelIdentity,
  type ProviderBindings,
} from './model-identity.js';
import type { FlowToolOverlay, TurnOverrides } from './session-options.js';
import type { SessionSettings } from './session-settings.js';
import {
  nonNegativeInteger,
  normalizeSessionOutputSchema,
  positiveInteger,
  requireCommsName,
} from './settings-builder.js';

/** What one turn runs with, decided before anything is written. */
export interface TurnPlan {
  /** The settings to persist before the run. */
  settings: SessionSettings;
  /** Whether `settings` differ from the stored ones. */
  settingsChanged: boolean;
  identity: ModelIdentity;
  /** The prompt of this turn: a deferred create's staged prompt merged with the turn's. */
  prompt: ContentInput;
  /** `additional_instructions` of this turn, committed as system notices before the prompt. */
  notices: string[];
  overlay: FlowToolOverlay | undefined;
  /** Skills requested for this turn (the create's `skill_refs` on the first turn, then the turn's). */
  skillRefs: SkillRef[];
}

function invalidParams(message: string): RuntimeError {
  return new RuntimeError('INVALID_PARAMS', message);
}

const PENDING_ONLY: ReadonlyArray<[keyof TurnOverrides, string]> = [
  ['maxTokens', 'max_tokens'],
  ['systemPrompt', 'system_prompt'],
  ['outputSchema', 'output_schema'],
  ['structuredOutputRetries', 'structured_output_retries'],
];

/**
 * Applies a turn's settings overrides (00-decisions.md §10): allowed on a session that never ran, rejected
 * otherwise with the original's message `Cannot override <list> on a runtime-routed turn; …`.
 */
export function applySettingsOverrides(
  settings: SessionSettings,
  overrides: TurnOverrides,
  pending: boolean,
): SessionSettings {
  const given = PENDING_ONLY.filter(([key]) => overrides[key] != null).map(([, wire]) => wire);
  if (given.length === 0) return settings;
  if (!pending) {
    throw invalidParams(
      `Cannot override ${given.join(', ')} on a runtime-routed turn; set these at session/create time or use a deferred session`,
    );
  }
  const next: SessionSettings = { ...settings };
  if (overrides.maxTokens != null) next.max_tokens = positiveInteger(overrides.maxTokens, 'max_tokens');
  if (overrides.systemPrompt != null) next.system_prompt = overrides.systemPrompt;
  if (overrides.outputSchema != null) {
    next.output_schema = normalizeSessionOutputSchema(overrides.outputSchema);
  }
  if (overrides.structuredOutputRetries != null) {
    next.structured_output_retries = nonNegativeInteger(
      overrides.structuredOutputRetries,
      'structured_output_retries',
    );
  }
  return next;
}

function exclusive(set: unknown, clear: boolean | null | undefined, name: string): void {
  if (set != null && clear === true) {
    throw invalidParams(`${name} and clear_${name} cannot be used together`);
  }
}

/** Provider params, auth binding and keep-alive: durable overrides allowed on every turn. */
function applyDurableOverrides(settings: SessionSettings, overrides: TurnOverrides): SessionSettings {
  const next: SessionSettings = { ...settings };
  if (overrides.clearProviderParams === true) delete next.provider_params;
  if (overrides.providerParams != null) next.provider_params = overrides.providerParams;
  if (overrides.clearAuthBinding === true) delete next.auth_binding;
  if (overrides.authBinding != null) {
    const checked = checkContract<AuthBindingRef>(AuthBindingRef, overrides.authBinding);
    if (!checked.ok) throw invalidParams(`Invalid auth_binding: ${formatIssues(checked.issues)}`);
    next.auth_binding = checked.value;
  }
  if (overrides.keepAlive != null) {
    requireCommsName(overrides.keepAlive, next.comms_name);
    next.keep_alive = overrides.keepAlive;
  }
  return next;
}

function turnIdentity(
  record: SessionRecord,
  overrides: TurnOverrides,
  realmDefaultModel: string,
  providers: ProviderBindings,
): ModelIdentity {
  if (overrides.model == null && overrides.provider == null) {
    return parseStoredIdentity(record.sessionId, record);
  }
  const request = { model: overrides.model ?? null, provider: overrides.provider ?? null };
  return resolveModelIdentity(request, realmDefaultModel, providers);
}

function toBlocks(content: ContentInput): ContentBlock[] {
  return typeof content === 'string' ? (content === '' ? [] : [{ type: 'text', text: content }]) : content;
}

/** A deferred create's staged prompt followed by the first turn's prompt. */
export function mergePrompts(staged: ContentInput, prompt: ContentInput): ContentInput {
  if (typeof staged === 'string' && typeof prompt === 'string') {
    return [staged, prompt].filter((part) => part !== '').join('\n\n');
  }
  return [...toBlocks(staged), ...toBlocks(prompt)];
}

function checkOverlay(overlay: FlowToolOverlay | null | undefined): FlowToolOverlay | undefined {
  if (overlay == null) return undefined;
  const checked = checkContract<FlowToolOverlay>(FlowToolOverlaySchema, overlay);
  if (!checked.ok) throw invalidParams(`Invalid flow_tool_overlay: ${formatIssues(checked.issues)}`);
  return checked.value;
}

function checkSkillRefs(refs: SkillRef[] | null | undefined): SkillRef[] {
  for (const ref of refs ?? []) {
    const checked = checkContract<SkillRef>(SkillRef, ref);
    if (!checked.ok) throw invalidParams(`Invalid skill_refs: ${formatIssues(checked.issues)}`);
  }
  return [...(refs ?? [])];
}

export interface PlanTurnInput {
  record: SessionRecord;
  settings: SessionSettings;
  prompt: ContentInput;
  overrides: TurnOverrides;
  realmDefaultModel: string;
  providers: ProviderBindings;
}

/**
 * Decides what a turn runs with (01 §7.1): the pending-only settings overrides, the durable overrides
 * (identity, provider params, auth binding, keep-alive), the merged first prompt, this turn's notices,
 * tool overlay and skills. Pure: nothing is written. Throws `RuntimeError('INVALID_PARAMS')`.
 */
export function planTurn(input: PlanTurnInput): TurnPlan {
  const { record, overrides } = input;
  exclusive(overrides.providerParams, overrides.clearProviderParams, 'provider_params');
  exclusive(overrides.authBinding, overrides.clearAuthBinding, 'auth_binding');
  const overlay = checkOverlay(overrides.flowToolOverlay);
  const turnSkills = checkSkillRefs(overrides.skillRefs);
  const notices = (overrides.additionalInstructions ?? []).filter((text) => text.trim() !== '');
  let settings = applySettingsOverrides(input.settings, overrides, record.pending);
  settings = applyDurableOverrides(settings, overrides);
  const identity = turnIdentity(record, overrides, input.realmDefaultModel, input.providers);
  let prompt = input.prompt;
  const firstSkills = settings.skill_refs ?? [];
  if (record.pending && settings.staged_prompt !== undefined) {
    prompt = mergePrompts(settings.staged_prompt, prompt);
  }
  delete settings.staged_prompt;
  delete settings.skill_refs;
  return {
    settings,
    settingsChanged: JSON.stringify(settings) !== JSON.stringify(input.settings),
    identity,
    prompt,
    notices,
    overlay,
    skillRefs: [...firstSkills, ...turnSkills],
  };
}
