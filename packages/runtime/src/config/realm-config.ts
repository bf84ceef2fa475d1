import { readFile } from 'node:fs/promises';
import { parse as parseToml } from 'smol-toml';
import { checkContract, formatIssues } from '@rkat/contracts';
import type { RetryPolicy, RunBudget } from '@rkat/core';
import { RuntimeError } from '../errors/runtime-error.js';
import { RealmConfigFile, type SelfHostedSection } from './config-schema.js';
import { parseDurationMs } from './duration.js';

/** The model a realm uses when neither the request nor `agent.model` names one (01 §6.1). */
export const DEFAULT_MODEL = 'claude-opus-4-7';
/** The session default for `max_tokens` when the config names none (01 §10). */
export const DEFAULT_MAX_TOKENS = 16384;
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
  /** Per-call timeout of model calls, when configured. */
  callTimeoutMs?: number;
  /** Default model id per provider (`[models]`). */
  models: { anthropic?: string; openai?: string; gemini?: string };
  selfHosted: {
    servers: NonNullable<SelfHostedSection['servers']>;
    models: NonNullable<SelfHostedSection['models']>;
  };
  /** The whole file as parsed (unknown sections included). */
  raw: Record<string, unknown>;
}

function invalid(detail: string, cause?: unknown): RuntimeError {
  return new RuntimeError('INVALID_CONFIG', `Invalid config: ${detail}`, { cause });
}

function duration(value: string | number | undefined, key: string): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseDurationMs(value);
  } catch (error) {
    throw invalid(`${key}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

/**
 * Validates and normalizes parsed config data (a TOML or JSON object). Throws `RuntimeError('INVALID_CONFIG')`
 * with the message `Invalid config: …` naming the offending key.
 */
export function normalizeRealmConfig(data: unknown): RealmConfig {
  const checked = checkContract<RealmConfigFile>(RealmConfigFile, data);
  if (!checked.ok) throw invalid(formatIssues(checked.issues));
  const file = checked.value;
  const agent = file.agent ?? {};
  const servers = file.self_hosted?.servers ?? {};
  const models = file.self_hosted?.models ?? {};
  for (const [id, server] of Object.entries(servers)) {
    if (!URL.canParse(server.base_url))
      throw invalid(`self_hosted.servers.${id}: invalid base_url '${server.base_url}'`);
  }
  for (const [alias, model] of Object.entries(models)) {
    if (!Object.hasOwn(servers, model.server)) {
      throw invalid(`self_hosted.models.${alias}: unknown server '${model.server}'`);
    }
  }
  const retry = file.retry ?? {};
  const config: RealmConfig = {
    agent: {
      model: agent.model ?? DEFAULT_MODEL,
      budgetWarningThreshold: agent.budget_warning_threshold ?? 0.8,
      structuredOutputRetries: agent.structured_output_retries ?? 2,
    },
    // The original falls back to agent.max_tokens_per_turn when the top-level key is absent.
    maxTokens: file.max_tokens ?? agent.max_tokens_per_turn ?? DEFAULT_MAX_TOKENS,
    budget: {},
    retry: {
      maxRetries: retry.max_retries ?? DEFAULT_RETRY_POLICY.maxRetries,
      initialDelayMs:
        duration(retry.initial_delay, 'retry.initial_delay') ?? DEFAULT_RETRY_POLICY.initialDelayMs,
      maxDelayMs: duration(retry.max_delay, 'retry.max_delay') ?? DEFAULT_RETRY_POLICY.maxDelayMs,
      multiplier: retry.multiplier ?? DEFAULT_RETRY_POLICY.multiplier,
    },
    models: { ...file.models },
    selfHosted: { servers, models },
    raw: data as Record<string, unknown>,
  };
  if (agent.system_prompt !== undefined) config.agent.systemPrompt = agent.system_prompt;
  if (agent.temperature !== undefined) config.agent.temperature = agent.temperature;
  if (agent.max_turns !== undefined) config.agent.maxTurns = agent.max_turns;
  if (agent.extraction_prompt !== undefined) config.agent.extractionPrompt = agent.extraction_prompt;
  if (agent.provider_params !== undefined) config.agent.providerParams = agent.provider_params;
  const callTimeoutMs = duration(retry.call_timeout, 'retry.call_timeout');
  if (callTimeoutMs !== undefined) config.callTimeoutMs = callTimeoutMs;
  const budget = file.budget ?? {};
  if (budget.max_tokens !== undefined) config.budget.maxTokens = budget.max_tokens;
  if (budget.max_tool_calls !== undefined) config.budget.maxToolCalls = budget.max_tool_calls;
  const maxDurationMs = duration(budget.max_duration, 'budget.max_duration');
  if (maxDurationMs !== undefined) config.budget.maxDurationMs = maxDurationMs;
  return config;
}

/** Parses TOML text as a realm config. Throws `RuntimeError('INVALID_CONFIG')` on bad TOML or bad values. */
export function parseRealmConfigToml(text: string): RealmConfig {
  let data: unknown;
  try {
    data = parseToml(text);
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error), error);
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
    throw invalid(`cannot read ${path}: ${(error as Error).message}`, error);
  }
  return parseRealmConfigToml(text);
}
