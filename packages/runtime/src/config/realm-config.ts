import { readFile } from 'node:fs/promises';
import { checkContract, formatIssues } from '@rkat/contracts';
import { DEFAULT_TOOL_TIMEOUT_MS, type RetryPolicy, type RunBudget } from '@rkat/core';
import { RuntimeError } from '../errors/runtime-error.js';
import { isPlainObject, type ConfigData } from './config-data.js';
import { DEFAULT_MAX_TOKENS, DEFAULT_MODEL, withConfigDefaults } from './config-defaults.js';
import { configRuleViolation } from './config-rules.js';
import { RealmConfigFile, type SelfHostedSection } from './config-schema.js';
import { parseConfigToml } from './config-toml.js';
import { parseDurationMs } from './duration.js';
import { HookConfigError, resolveHookEntry } from '../hooks/hook-entries.js';
import { DEFAULT_HOOKS_SETTINGS, type HooksSettings } from '../hooks/hook-settings.js';

/** Retry defaults of the original (`meerkat-core` RetryPolicy). */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxRetries: 3,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  multiplier: 2,
};

/** A realm config, validated and normalized (durations in milliseconds, defaults applied). */
export interface RealmConfig {
  agent: {
    model: string;
    systemPrompt?: string;
    temperature?: number;
    budgetWarningThreshold: number;
    structuredOutputRetries: number;
    maxTurns?: number;
    extractionPrompt?: string;
    providerParams?: Record<string, unknown>;
  };
  /** Session default output cap per LLM call. */
  maxTokens: number;
  budget: Omit<RunBudget, 'warningThreshold'>;
  retry: RetryPolicy;
  /** `[tools]` timeouts: the default of a built-in tool call and the per-tool overrides (`tool_timeouts`). */
  tools: { defaultTimeoutMs: number; timeoutsMs: Readonly<Record<string, number>> };
  /** Per-call timeout of model calls, when configured. */
  callTimeoutMs?: number;
  /** Default model id per provider (`[models]`). */
  models: { anthropic?: string; openai?: string; gemini?: string };
  selfHosted: {
    servers: NonNullable<SelfHostedSection['servers']>;
    models: NonNullable<SelfHostedSection['models']>;
  };
  /** `[hooks]`: the hook runner's bounds and the configured entries (checked, defaults not applied). */
  hooks: HooksSettings;
  /** The wire `Config` (01 §10): the file's data with the documented defaults filled in, unknown keys kept. */
  raw: ConfigData;
}

/** Builds the error of a config whose types or durations are wrong; the surface decides the wording. */
export type ConfigShapeErrorFactory = (detail: string, cause?: unknown) => RuntimeError;

/** `Invalid config: <detail>` (01 §10), code `INVALID_CONFIG`. */
export function invalidConfig(detail: string, cause?: unknown): RuntimeError {
  return new RuntimeError('INVALID_CONFIG', `Invalid config: ${detail}`, { cause });
}

export interface NormalizeOptions {
  /** Wording of type and duration errors; default `invalidConfig`. */
  shapeError?: ConfigShapeErrorFactory;
}

/**
 * Validates and normalizes config data (a TOML or JSON object): fills the documented defaults, checks the
 * types (failing through `options.shapeError`, default `Invalid config: …`), then the semantic rules
 * (`Invalid config: …`, e.g. `max_tokens must be greater than 0`). Throws `RuntimeError('INVALID_CONFIG')`.
 */
export function normalizeRealmConfig(data: unknown, options: NormalizeOptions = {}): RealmConfig {
  const shapeError = options.shapeError ?? invalidConfig;
  if (!isPlainObject(data)) throw shapeError('expected a config object');
  const wire = withConfigDefaults(data);
  const checked = checkContract<RealmConfigFile>(RealmConfigFile, wire);
  if (!checked.ok) throw shapeError(formatIssues(checked.issues));
  const file = checked.value;
  const duration = (value: string | number | undefined, key: string): number | undefined => {
    if (value === undefined) return undefined;
    try {
      return parseDurationMs(value);
    } catch (error) {
      throw shapeError(`${key}: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  };
  const retryDurations = {
    initial: duration(file.retry?.initial_delay, 'retry.initial_delay'),
    max: duration(file.retry?.max_delay, 'retry.max_delay'),
    call: duration(file.retry?.call_timeout, 'retry.call_timeout'),
    streamIdle: duration(file.retry?.stream_idle_timeout, 'retry.stream_idle_timeout'),
  };
  const maxDurationMs = duration(file.budget?.max_duration, 'budget.max_duration');
  const toolDefaultTimeoutMs = duration(file.tools?.default_timeout, 'tools.default_timeout');
  const toolTimeoutsMs: Record<string, number> = {};
  for (const [name, value] of Object.entries(file.tools?.tool_timeouts ?? {})) {
    const parsed = duration(value, `tools.tool_timeouts.${name}`);
    if (parsed === 0) throw invalidConfig(`tools.tool_timeouts.${name} must be greater than 0`);
    if (parsed !== undefined) toolTimeoutsMs[name] = parsed;
  }
  duration(file.limits?.max_duration, 'limits.max_duration');
  const violation =
    configRuleViolation(file) ??
    (retryDurations.streamIdle === 0
      ? 'retry.stream_idle_timeout must be greater than 0 when set'
      : undefined);
  if (violation) throw invalidConfig(violation);

  const agent = file.agent ?? {};
  const retry = file.retry ?? {};
  const config: RealmConfig = {
    agent: {
      model: agent.model ?? DEFAULT_MODEL,
      budgetWarningThreshold: agent.budget_warning_threshold ?? 0.8,
      structuredOutputRetries: agent.structured_output_retries ?? 2,
    },
    maxTokens: file.max_tokens ?? agent.max_tokens_per_turn ?? DEFAULT_MAX_TOKENS,
    budget: {},
    retry: {
      maxRetries: retry.max_retries ?? DEFAULT_RETRY_POLICY.maxRetries,
      initialDelayMs: retryDurations.initial ?? DEFAULT_RETRY_POLICY.initialDelayMs,
      maxDelayMs: retryDurations.max ?? DEFAULT_RETRY_POLICY.maxDelayMs,
      multiplier: retry.multiplier ?? DEFAULT_RETRY_POLICY.multiplier,
      ...(retryDurations.streamIdle !== undefined ? { streamIdleTimeoutMs: retryDurations.streamIdle } : {}),
    },
    tools: {
      defaultTimeoutMs: toolDefaultTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS,
      timeoutsMs: toolTimeoutsMs,
    },
    models: { ...file.models },
    selfHosted: { servers: file.self_hosted?.servers ?? {}, models: file.self_hosted?.models ?? {} },
    hooks: hooksSettings(file.hooks),
    raw: wire,
  };
  if (agent.system_prompt !== undefined) config.agent.systemPrompt = agent.system_prompt;
  if (agent.temperature !== undefined) config.agent.temperature = agent.temperature;
  if (agent.max_turns !== undefined) config.agent.maxTurns = agent.max_turns;
  if (agent.extraction_prompt !== undefined) config.agent.extractionPrompt = agent.extraction_prompt;
  if (agent.provider_params !== undefined) config.agent.providerParams = agent.provider_params;
  if (retryDurations.call !== undefined) config.callTimeoutMs = retryDurations.call;
  const budget = file.budget ?? {};
  if (budget.max_tokens !== undefined) config.budget.maxTokens = budget.max_tokens;
  if (budget.max_tool_calls !== undefined) config.budget.maxToolCalls = budget.max_tool_calls;
  if (maxDurationMs !== undefined) config.budget.maxDurationMs = maxDurationMs;
  return config;
}

function hooksSettings(section: RealmConfigFile['hooks']): HooksSettings {
  const entries = section?.entries ?? [];
  try {
    entries.forEach(resolveHookEntry);
  } catch (error) {
    if (error instanceof HookConfigError) throw invalidConfig(`hooks: ${error.message}`, error);
    throw error;
  }
  return {
    defaultTimeoutMs: section?.default_timeout_ms ?? DEFAULT_HOOKS_SETTINGS.defaultTimeoutMs,
    payloadMaxBytes: section?.payload_max_bytes ?? DEFAULT_HOOKS_SETTINGS.payloadMaxBytes,
    backgroundMaxConcurrency:
      section?.background_max_concurrency ?? DEFAULT_HOOKS_SETTINGS.backgroundMaxConcurrency,
    entries,
  };
}

/** Parses TOML text as a realm config. Throws `RuntimeError('INVALID_CONFIG')` on bad TOML or bad values. */
export function parseRealmConfigToml(text: string): RealmConfig {
  let data: ConfigData;
  try {
    data = parseConfigToml(text);
  } catch (error) {
    throw invalidConfig(error instanceof Error ? error.message : String(error), error);
  }
  return normalizeRealmConfig(data);
}

/**
 * Reads `<realm>/config.toml`. An absent file yields the defaults; an unreadable or invalid one throws
 * `RuntimeError('INVALID_CONFIG')`.
 */
export async function loadRealmConfig(path: string): Promise<RealmConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return normalizeRealmConfig({});
    throw invalidConfig(`cannot read ${path}: ${(error as Error).message}`, error);
  }
  return parseRealmConfigToml(text);
}
