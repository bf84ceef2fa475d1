import { compileJsonSchema, formatIssues } from '@rkat/contracts';
import type { ModelTier } from './model-capabilities.js';

/** Which OpenAI-compatible API a self-hosted server speaks. */
export type SelfHostedApiStyle = 'chat_completions' | 'responses';

/** `self_hosted.servers.<id>` (01 §10). */
export interface SelfHostedServerConfig {
  transport?: 'openai_compatible';
  base_url: string;
  api_style?: SelfHostedApiStyle;
  bearer_token?: string;
  /** Name of an environment variable holding the bearer token. */
  bearer_token_env?: string;
}

/** `self_hosted.models.<alias>` (01 §10). Unset flags are false. */
export interface SelfHostedModelConfig {
  server: string;
  remote_model: string;
  display_name?: string;
  family?: string;
  tier?: ModelTier;
  context_window?: number;
  max_output_tokens?: number;
  vision?: boolean;
  image_tool_results?: boolean;
  inline_video?: boolean;
  supports_temperature?: boolean;
  supports_thinking?: boolean;
  supports_reasoning?: boolean;
  call_timeout_secs?: number;
}

/** The `self_hosted` config section. */
export interface SelfHostedConfig {
  servers?: Record<string, SelfHostedServerConfig>;
  models?: Record<string, SelfHostedModelConfig>;
}

/** A self-hosted config that cannot be used (answered as -32602 by the surfaces). */
export class SelfHostedConfigError extends Error {
  override readonly name = 'SelfHostedConfigError';
  readonly code = 'invalid_self_hosted_config';
}

const positiveInteger = { type: 'integer', minimum: 1 };
const SELF_HOSTED_SCHEMA = {
  type: 'object',
  properties: {
    servers: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['base_url'],
        properties: {
          transport: { enum: ['openai_compatible'] },
          base_url: { type: 'string', minLength: 1 },
          api_style: { enum: ['chat_completions', 'responses'] },
          bearer_token: { type: 'string' },
          bearer_token_env: { type: 'string', minLength: 1 },
        },
      },
    },
    models: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['server', 'remote_model'],
        properties: {
          server: { type: 'string', minLength: 1 },
          remote_model: { type: 'string', minLength: 1 },
          display_name: { type: 'string' },
          family: { type: 'string' },
          tier: { enum: ['recommended', 'supported'] },
          context_window: positiveInteger,
          max_output_tokens: positiveInteger,
          vision: { type: 'boolean' },
          image_tool_results: { type: 'boolean' },
          inline_video: { type: 'boolean' },
          supports_temperature: { type: 'boolean' },
          supports_thinking: { type: 'boolean' },
          supports_reasoning: { type: 'boolean' },
          call_timeout_secs: positiveInteger,
        },
      },
    },
  },
};
const validator = compileJsonSchema<SelfHostedConfig>(SELF_HOSTED_SCHEMA);

/**
 * Checks a raw `self_hosted` section: shapes, base URLs, and that every model names a configured server.
 * Throws `SelfHostedConfigError` naming the first problems.
 */
export function parseSelfHostedConfig(raw: unknown): SelfHostedConfig {
  const result = validator.validate(raw);
  if (!result.ok)
    throw new SelfHostedConfigError(`invalid self_hosted config: ${formatIssues(result.issues)}`);
  const config = result.value;
  for (const [id, server] of Object.entries(config.servers ?? {})) {
    if (!URL.canParse(server.base_url)) {
      throw new SelfHostedConfigError(`invalid self_hosted config: server ${id} has an invalid base_url`);
    }
  }
  for (const [alias, model] of Object.entries(config.models ?? {})) {
    if (!Object.hasOwn(config.servers ?? {}, model.server)) {
      throw new SelfHostedConfigError(
        `invalid self_hosted config: model ${alias} names unknown server ${model.server}`,
      );
    }
  }
  return config;
}

/** Normalizes a server base URL to end in `/v1` (no trailing slash), as 01 §19 describes. */
export function normalizeSelfHostedBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith('/v1') ? trimmed : `${trimmed}/v1`;
}

/** Everything a client needs to call one self-hosted alias. */
export interface SelfHostedTarget {
  baseUrl: string;
  apiStyle: SelfHostedApiStyle;
  remoteModel: string;
  bearerToken?: string;
  callTimeoutMs?: number;
}

/**
 * Resolves an alias to its server: base URL (normalized), API style, remote model and the bearer token
 * (`bearer_token`, else the variable named by `bearer_token_env`). Undefined for an unknown alias.
 */
export function resolveSelfHostedModel(
  config: SelfHostedConfig,
  alias: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): SelfHostedTarget | undefined {
  const model = Object.hasOwn(config.models ?? {}, alias) ? config.models?.[alias] : undefined;
  const server =
    model && Object.hasOwn(config.servers ?? {}, model.server) ? config.servers?.[model.server] : undefined;
  if (!model || !server) return undefined;
  const token = server.bearer_token || (server.bearer_token_env ? env[server.bearer_token_env] : undefined);
  return {
    baseUrl: normalizeSelfHostedBaseUrl(server.base_url),
    apiStyle: server.api_style ?? 'chat_completions',
    remoteModel: model.remote_model,
    ...(token ? { bearerToken: token } : {}),
    ...(model.call_timeout_secs ? { callTimeoutMs: model.call_timeout_secs * 1000 } : {}),
  };
}
