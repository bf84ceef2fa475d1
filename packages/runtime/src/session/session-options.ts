import { BudgetLimits, checkContract, formatIssues, type AgentEvent } from '@rkat/contracts';
import { normalizeOutputSchema } from '@rkat/core';
import { RuntimeError } from '../errors/runtime-error.js';
import type { RealmConfig } from '../config/realm-config.js';
import type { SessionSettings } from './session-settings.js';

/** Options of `createSession` (01 §6.1). `null` means absent (00-decisions.md §9b). */
export interface CreateSessionOptions {
  model?: string | null;
  provider?: string | null;
  systemPrompt?: string | null;
  /** Output cap per LLM call; default the realm's `max_tokens`. */
  maxTokens?: number | null;
  /** A raw JSON Schema or the `{schema, name?, strict?}` wrapper (01 §9); normalized at create. */
  outputSchema?: unknown;
  structuredOutputRetries?: number | null;
  budgetLimits?: BudgetLimits | null;
  temperature?: number | null;
  providerParams?: Record<string, unknown> | null;
  labels?: Record<string, string> | null;
}

/** Options of one `startTurn`. Settings overrides are accepted only before a session's first run. */
export interface TurnOverrides {
  /** Hot-swaps the LLM identity for this and later turns. */
  model?: string | null;
  provider?: string | null;
  systemPrompt?: string | null;
  maxTokens?: number | null;
  outputSchema?: unknown;
  structuredOutputRetries?: number | null;
  /** Aborting it interrupts the run (like `interrupt`). */
  signal?: AbortSignal;
  /** Receives this run's events, in order, before the session's subscribers. Must not throw. */
  onEvent?: (event: AgentEvent) => void;
}

const RESERVED_LABEL_KEYS = new Set(['mob_id', 'role', 'meerkat_id', 'meerkat']);

function invalidParams(message: string): RuntimeError {
  return new RuntimeError('INVALID_PARAMS', message);
}

/** Rejects label keys reserved for runtime facts (01 §5). */
export function validateLabels(labels: Record<string, string> | null | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    const lower = key.toLowerCase();
    if (RESERVED_LABEL_KEYS.has(lower) || lower.startsWith('meerkat.')) {
      throw invalidParams(`metadata label key '${key}' is reserved for Meerkat-owned runtime facts`);
    }
    if (typeof value !== 'string') throw invalidParams(`label '${key}' must be a string`);
    result[key] = value;
  }
  return result;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw invalidParams(`${name} must be a positive integer`);
  return value;
}

function nonNegativeInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw invalidParams(`${name} must be a non-negative integer`);
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

/** Builds the persisted settings of a new session from its create options and the realm config. */
export function buildSessionSettings(options: CreateSessionOptions, config: RealmConfig): SessionSettings {
  const settings: SessionSettings = {
    max_tokens:
      options.maxTokens != null ? positiveInteger(options.maxTokens, 'max_tokens') : config.maxTokens,
    structured_output_retries:
      options.structuredOutputRetries != null
        ? nonNegativeInteger(options.structuredOutputRetries, 'structured_output_retries')
        : config.agent.structuredOutputRetries,
  };
  if (options.systemPrompt != null) settings.system_prompt = options.systemPrompt;
  if (options.outputSchema != null)
    settings.output_schema = normalizeSessionOutputSchema(options.outputSchema);
  if (options.budgetLimits != null) {
    const checked = checkContract<BudgetLimits>(BudgetLimits, options.budgetLimits);
    if (!checked.ok) throw invalidParams(`Invalid budget_limits: ${formatIssues(checked.issues)}`);
    settings.budget_limits = checked.value;
  }
  if (options.temperature != null) {
    if (!Number.isFinite(options.temperature) || options.temperature < 0) {
      throw invalidParams('temperature must be a non-negative number');
    }
    settings.temperature = options.temperature;
  }
  if (options.providerParams != null) settings.provider_params = options.providerParams;
  return settings;
}

const PENDING_ONLY: ReadonlyArray<[keyof TurnOverrides, string]> = [
  ['maxTokens', 'max_tokens'],
  ['systemPrompt', 'system_prompt'],
  ['outputSchema', 'output_schema'],
  ['structuredOutputRetries', 'structured_output_retries'],
];

/**
 * Applies a turn's settings overrides (00-decisions.md §10): allowed on a session that never ran, rejected
 * otherwise with the original's message. Returns the settings to use (the input when nothing changes).
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
  if (overrides.outputSchema != null)
    next.output_schema = normalizeSessionOutputSchema(overrides.outputSchema);
  if (overrides.structuredOutputRetries != null) {
    next.structured_output_retries = nonNegativeInteger(
      overrides.structuredOutputRetries,
      'structured_output_retries',
    );
  }
  return next;
}
