import { Type, type Static } from '@sinclair/typebox';
import { HookEntryConfig } from '@rkat/contracts';

const opt = Type.Optional;
/** A humantime string (`"30s"`) or integer milliseconds. */
const Duration = Type.Union([Type.String(), Type.Integer({ minimum: 0 })]);

const AgentSection = Type.Object({
  model: opt(Type.String({ minLength: 1 })),
  system_prompt: opt(Type.String()),
  // Zero is a validation error with its own message (config-rules.ts), not a type error.
  max_tokens_per_turn: opt(Type.Integer({ minimum: 0 })),
  temperature: opt(Type.Number({ minimum: 0 })),
  budget_warning_threshold: opt(Type.Number({ minimum: 0, maximum: 1 })),
  structured_output_retries: opt(Type.Integer({ minimum: 0 })),
  max_turns: opt(Type.Integer({ minimum: 1 })),
  extraction_prompt: opt(Type.String()),
  provider_params: opt(Type.Record(Type.String(), Type.Unknown())),
});

const BudgetSection = Type.Object({
  max_tokens: opt(Type.Integer({ minimum: 0 })),
  max_duration: opt(Duration),
  max_tool_calls: opt(Type.Integer({ minimum: 0 })),
});

const RetrySection = Type.Object({
  max_retries: opt(Type.Integer({ minimum: 0 })),
  initial_delay: opt(Duration),
  max_delay: opt(Duration),
  multiplier: opt(Type.Number({ minimum: 1 })),
  call_timeout: opt(Duration),
  /** Our addition (00-decisions.md §15): a model stream silent this long fails as a retryable stall; default 300 s. */
  stream_idle_timeout: opt(Duration),
});

const ModelsSection = Type.Object({
  anthropic: opt(Type.String({ minLength: 1 })),
  openai: opt(Type.String({ minLength: 1 })),
  gemini: opt(Type.String({ minLength: 1 })),
});

/** `self_hosted.servers.<id>` (01 §10). */
export const SelfHostedServerConfig = Type.Object({
  transport: opt(Type.Literal('openai_compatible')),
  base_url: Type.String({ minLength: 1 }),
  api_style: opt(Type.Union([Type.Literal('chat_completions'), Type.Literal('responses')])),
  bearer_token: opt(Type.String()),
  bearer_token_env: opt(Type.String()),
});
export type SelfHostedServerConfig = Static<typeof SelfHostedServerConfig>;

/** `self_hosted.models.<alias>` (01 §10). */
export const SelfHostedModelConfig = Type.Object({
  server: Type.String({ minLength: 1 }),
  remote_model: Type.String({ minLength: 1 }),
  display_name: opt(Type.String()),
  family: opt(Type.String()),
  tier: opt(Type.Union([Type.Literal('recommended'), Type.Literal('supported')])),
  context_window: opt(Type.Integer({ minimum: 1 })),
  max_output_tokens: opt(Type.Integer({ minimum: 1 })),
  vision: opt(Type.Boolean()),
  image_tool_results: opt(Type.Boolean()),
  inline_video: opt(Type.Boolean()),
  supports_temperature: opt(Type.Boolean()),
  supports_thinking: opt(Type.Boolean()),
  supports_reasoning: opt(Type.Boolean()),
  supports_web_search: opt(Type.Boolean()),
  call_timeout_secs: opt(Type.Integer({ minimum: 1 })),
});
export type SelfHostedModelConfig = Static<typeof SelfHostedModelConfig>;

export const SelfHostedSection = Type.Object({
  servers: opt(Type.Record(Type.String(), SelfHostedServerConfig)),
  models: opt(Type.Record(Type.String(), SelfHostedModelConfig)),
});
export type SelfHostedSection = Static<typeof SelfHostedSection>;

const Count = Type.Integer({ minimum: 0 });

const ToolsSection = Type.Object({
  mcp_servers: opt(Type.Array(Type.Unknown())),
  default_timeout: opt(Duration),
  tool_timeouts: opt(Type.Record(Type.String(), Duration)),
  max_concurrent: opt(Count),
  builtins_enabled: opt(Type.Boolean()),
  shell_enabled: opt(Type.Boolean()),
  comms_enabled: opt(Type.Boolean()),
  mob_enabled: opt(Type.Boolean()),
});

const ShellSection = Type.Object({
  program: opt(Type.String()),
  timeout_secs: opt(Count),
  security_mode: opt(Type.String()),
  security_patterns: opt(Type.Array(Type.String())),
});

const LimitsSection = Type.Object({
  budget: opt(Count),
  max_sessions: opt(Count),
  max_duration: opt(Duration),
});

const CompactionSection = Type.Object({
  auto_compact_threshold: opt(Count),
  recent_turn_budget: opt(Count),
  max_summary_tokens: opt(Count),
  min_turns_between_compactions: opt(Count),
});

/** `[hooks]` (01 §10); each entry is checked again by the hook runner's rules (`resolveHookEntry`). */
const HooksSection = Type.Object({
  default_timeout_ms: opt(Type.Integer({ minimum: 1 })),
  payload_max_bytes: opt(Type.Integer({ minimum: 1 })),
  background_max_concurrency: opt(Type.Integer({ minimum: 1 })),
  entries: opt(Type.Array(HookEntryConfig)),
});

/** `[skills]` (01 §10, §12); repository entries are read by `runtime/src/skills/skills-config.ts`. */
const SkillsSection = Type.Object({
  enabled: opt(Type.Boolean()),
  max_injection_bytes: opt(Type.Integer({ minimum: 1 })),
  inventory_threshold: opt(Type.Integer({ minimum: 1 })),
  repositories: opt(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
});

/**
 * The part of a realm `config.toml` this runtime reads. Other sections and keys are allowed and kept
 * untouched (later issues read them); the ones listed here must have the right types.
 */
export const RealmConfigFile = Type.Object({
  agent: opt(AgentSection),
  max_tokens: opt(Type.Integer({ minimum: 0 })),
  budget: opt(BudgetSection),
  retry: opt(RetrySection),
  tools: opt(ToolsSection),
  models: opt(ModelsSection),
  shell: opt(ShellSection),
  limits: opt(LimitsSection),
  compaction: opt(CompactionSection),
  hooks: opt(HooksSection),
  skills: opt(SkillsSection),
  self_hosted: opt(SelfHostedSection),
  /** Connection sections (01 §15), checked by `checkConnectionSections`. */
  realm: opt(Type.Record(Type.String(), Type.Unknown())),
});
export type RealmConfigFile = Static<typeof RealmConfigFile>;
