import { defaultModelFor } from '@rkat/providers';
import { isPlainObject, toPlainData, type ConfigData } from './config-data.js';

/** The model a realm uses when neither the request nor `agent.model` names one (01 §6.1). */
export const DEFAULT_MODEL = 'claude-opus-4-7';
/** The session default for `max_tokens` when the config names none (01 §10). */
export const DEFAULT_MAX_TOKENS = 16384;

/** The documented defaults of every section (01 §10), in the original's key order. */
function sectionDefaults(): ConfigData {
  return {
    agent: {
      model: DEFAULT_MODEL,
      max_tokens_per_turn: DEFAULT_MAX_TOKENS,
      budget_warning_threshold: 0.8,
      structured_output_retries: 2,
    },
    storage: {},
    budget: {},
    retry: { max_retries: 3, initial_delay: '500ms', max_delay: '30s', multiplier: 2 },
    tools: {
      mcp_servers: [],
      default_timeout: '10m',
      tool_timeouts: {},
      max_concurrent: 10,
      builtins_enabled: false,
      shell_enabled: false,
      comms_enabled: false,
      mob_enabled: false,
    },
    models: {
      anthropic: defaultModelFor('anthropic'),
      openai: defaultModelFor('openai'),
      gemini: defaultModelFor('gemini'),
    },
    max_tokens: DEFAULT_MAX_TOKENS,
    shell: { program: 'nu', timeout_secs: 30, security_mode: 'unrestricted', security_patterns: [] },
    store: {},
    comms: { mode: 'inproc', auth: 'none', require_peer_auth: true },
    compaction: {
      auto_compact_threshold: 100_000,
      recent_turn_budget: 4,
      max_summary_tokens: 4096,
      min_turns_between_compactions: 3,
    },
    limits: {},
    rest: { host: '127.0.0.1', port: 8080 },
    hooks: {
      default_timeout_ms: 5000,
      payload_max_bytes: 131_072,
      background_max_concurrency: 32,
      entries: [],
    },
    skills: {
      enabled: true,
      max_injection_bytes: 32_768,
      inventory_threshold: 12,
      repositories: [],
      health_thresholds: {
        degraded_invalid_ratio: 0.05,
        unhealthy_invalid_ratio: 0.4,
        degraded_failure_streak: 3,
        unhealthy_failure_streak: 10,
      },
      identity: { lineage: [], remaps: [], aliases: [] },
    },
    self_hosted: { servers: {}, models: {} },
    provider_tools: {
      anthropic: { web_search: true },
      openai: { web_search: true },
      gemini: { google_search: true },
    },
  };
}

function fill(value: unknown, defaults: unknown): unknown {
  if (value === undefined) return defaults;
  if (!isPlainObject(value) || !isPlainObject(defaults)) return value;
  const result: ConfigData = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    result[key] = fill(Object.hasOwn(value, key) ? value[key] : undefined, fallback);
  }
  for (const [key, child] of Object.entries(value)) {
    if (!Object.hasOwn(result, key)) result[key] = child;
  }
  return result;
}

/**
 * The wire `Config` of config data (01 §10): every documented default filled in where the data has no value,
 * unknown keys kept, an empty `realm` table left out. `max_tokens` defaults to a positive
 * `agent.max_tokens_per_turn` when that is set. Idempotent and pure; values of the wrong type are kept for validation to reject.
 */
export function withConfigDefaults(data: ConfigData): ConfigData {
  const defaults = sectionDefaults();
  const agent = data.agent;
  if (
    isPlainObject(agent) &&
    typeof agent.max_tokens_per_turn === 'number' &&
    agent.max_tokens_per_turn > 0
  ) {
    defaults.max_tokens = agent.max_tokens_per_turn;
  }
  const filled = fill(toPlainData(data), defaults) as ConfigData;
  if (isPlainObject(filled.realm) && Object.keys(filled.realm).length === 0) delete filled.realm;
  return filled;
}
