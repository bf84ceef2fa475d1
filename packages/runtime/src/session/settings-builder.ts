import { BudgetLimits, ToolFilter, checkContract, formatIssues } from '@rkat/contracts';
import { normalizeOutputSchema } from '@rkat/core';
import { RuntimeError } from '../errors/runtime-error.js';
import type { RealmConfig } from '../config/realm-config.js';
import type { CreateSessionOptions } from './session-options.js';
import { validateAppContext, validatePeerMeta } from './session-metadata.js';
import { checkNewSettings, type SessionSettings } from './session-settings.js';

function invalidParams(message: string): RuntimeError {
  return new RuntimeError('INVALID_PARAMS', message);
}

/** A positive safe integer, else `RuntimeError('INVALID_PARAMS')` `<name> must be a positive integer`. */
export function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw invalidParams(`${name} must be a positive integer`);
  return value;
}

/** A non-negative safe integer, else `RuntimeError('INVALID_PARAMS')`. */
export function nonNegativeInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidParams(`${name} must be a non-negative integer`);
  }
  return value;
}

/** Normalizes an output schema; an invalid one fails with `Invalid output_schema: …` (INVALID_PARAMS). */
export function normalizeSessionOutputSchema(raw: unknown): SessionSettings['output_schema'] {
  try {
    return normalizeOutputSchema(raw);
  } catch (error) {
    throw new RuntimeError(
      'INVALID_PARAMS',
      error instanceof Error ? error.message : `Invalid output_schema: ${String(error)}`,
      { cause: error },
    );
  }
}

/** `keep_alive: true` needs a comms name (01 §6.1, §7.1). */
export function requireCommsName(keepAlive: boolean, commsName: string | undefined): void {
  if (keepAlive && (commsName === undefined || commsName === '')) {
    throw invalidParams('keep_alive requires a session created with comms_name');
  }
}

function checkToolFilter(raw: unknown): ToolFilter {
  const checked = checkContract<ToolFilter>(ToolFilter, raw);
  if (!checked.ok) {
    throw invalidParams(
      `Invalid tool_filter: expected "All", {"Allow":[names]} or {"Deny":[names]} (${formatIssues(checked.issues)})`,
    );
  }
  return checked.value;
}

function checkBudgetLimits(raw: BudgetLimits): BudgetLimits {
  const checked = checkContract<BudgetLimits>(BudgetLimits, raw);
  if (!checked.ok) throw invalidParams(`Invalid budget_limits: ${formatIssues(checked.issues)}`);
  return checked.value;
}

const TOOL_SWITCHES = [
  ['enableBuiltins', 'enable_builtins'],
  ['enableShell', 'enable_shell'],
  ['enableMemory', 'enable_memory'],
  ['enableSchedule', 'enable_schedule'],
  ['enableMob', 'enable_mob'],
  ['enableWebSearch', 'enable_web_search'],
] as const;

/** The settings that set the model call: cap, prompt, schema, budget, temperature, provider params. */
function modelSettings(options: CreateSessionOptions, config: RealmConfig): SessionSettings {
  const settings: SessionSettings = {
    max_tokens:
      options.maxTokens != null ? positiveInteger(options.maxTokens, 'max_tokens') : config.maxTokens,
    structured_output_retries:
      options.structuredOutputRetries != null
        ? nonNegativeInteger(options.structuredOutputRetries, 'structured_output_retries')
        : config.agent.structuredOutputRetries,
  };
  if (options.systemPrompt != null) settings.system_prompt = options.systemPrompt;
  if (options.outputSchema != null) {
    settings.output_schema = normalizeSessionOutputSchema(options.outputSchema);
  }
  if (options.budgetLimits != null) settings.budget_limits = checkBudgetLimits(options.budgetLimits);
  if (options.temperature != null) {
    if (!Number.isFinite(options.temperature) || options.temperature < 0) {
      throw invalidParams('temperature must be a non-negative number');
    }
    settings.temperature = options.temperature;
  }
  if (options.providerParams != null) settings.provider_params = options.providerParams;
  if (options.additionalInstructions != null && options.additionalInstructions.length > 0) {
    settings.additional_instructions = [...options.additionalInstructions];
  }
  return settings;
}

/**
 * Builds the persisted settings of a new session from its create options and the realm config, checking
 * every option (01 §6.1). Throws `RuntimeError('INVALID_PARAMS')`: `Invalid output_schema: …`,
 * `Invalid tool_filter: …`, `keep_alive requires a session created with comms_name`, a reserved
 * `peer_meta` label or `app_context` key, a bad limit, or a value of the wrong shape.
 */
export function buildSessionSettings(options: CreateSessionOptions, config: RealmConfig): SessionSettings {
  const settings = modelSettings(options, config);
  if (options.hooksOverride != null) settings.hooks_override = options.hooksOverride;
  for (const [option, key] of TOOL_SWITCHES) {
    const value = options[option];
    if (value != null) settings[key] = value;
  }
  if (options.toolFilter != null) settings.tool_filter = checkToolFilter(options.toolFilter);
  if (options.commsName != null) settings.comms_name = options.commsName;
  if (options.keepAlive != null) {
    requireCommsName(options.keepAlive, settings.comms_name);
    settings.keep_alive = options.keepAlive;
  }
  if (options.peerMeta != null) settings.peer_meta = validatePeerMeta(options.peerMeta);
  if (options.authBinding != null) settings.auth_binding = options.authBinding;
  if (options.preloadSkills != null) settings.preload_skills = options.preloadSkills;
  if (options.skillRefs != null && options.skillRefs.length > 0) settings.skill_refs = options.skillRefs;
  if (options.appContext != null) {
    validateAppContext(options.appContext);
    settings.app_context = options.appContext;
  }
  if (options.shellEnv != null) settings.shell_env = { ...options.shellEnv };
  if (options.externalTools != null) settings.external_tools = options.externalTools;
  if (options.prompt != null && options.initialTurn === 'deferred') settings.staged_prompt = options.prompt;
  return checkNewSettings(settings);
}
