import type { LlmClient } from '@rkat/core';
import { AnthropicClient } from './anthropic/anthropic-client.js';
import type { SelfHostedApiStyle } from './catalog/self-hosted-config.js';
import { normalizeSelfHostedBaseUrl } from './catalog/self-hosted-config.js';
import { ChatCompletionsClient } from './chat-completions/chat-completions-client.js';
import { requireApiKey, resolveApiKey, resolveBaseUrl, type EnvRecord } from './credentials.js';
import { GeminiClient } from './gemini/gemini-client.js';
import { ResponsesClient, type OpenAiConnection } from './openai/responses-client.js';

/** A self-hosted OpenAI-compatible server (01 §10 `self_hosted`, see `resolveSelfHostedModel`). */
export interface SelfHostedSpec {
  /** Server base URL; normalized to end in `/v1`. */
  baseUrl: string;
  apiStyle: SelfHostedApiStyle;
  /** The model name the server knows. */
  remoteModel: string;
  /** Bearer token; when absent `RKAT_SELF_HOSTED_API_KEY` is used if set, else no auth header is sent. */
  bearerToken?: string;
}

/** What `createLlmClient` needs to build a client. */
export interface LlmClientSpec {
  provider: 'anthropic' | 'openai' | 'gemini' | 'self_hosted';
  model: string;
  /** Environment for keys and base URLs; `process.env` by default. Read on every call. */
  env?: EnvRecord;
  /** Required when `provider` is `self_hosted`. */
  selfHosted?: SelfHostedSpec;
  /** Whole-call timeout; a call running longer fails with `call_timeout`. */
  callTimeoutMs?: number;
}

/** Thrown by `createLlmClient` for a spec it cannot build (a self-hosted provider without its server). */
export class LlmClientSpecError extends Error {
  override readonly name = 'LlmClientSpecError';
  readonly code = 'invalid_llm_client_spec';
}

/**
 * Builds the `LlmClient` for a provider. Credentials and base URLs are resolved when each call starts, so a
 * missing key fails the first call with `LlmError` kind `missing_credentials` naming the variable to set;
 * construction only throws `LlmClientSpecError` for a self-hosted spec without `selfHosted`.
 */
export function createLlmClient(spec: LlmClientSpec): LlmClient {
  const timeout = spec.callTimeoutMs !== undefined ? { callTimeoutMs: spec.callTimeoutMs } : {};
  const envOption = spec.env !== undefined ? { env: spec.env } : {};
  switch (spec.provider) {
    case 'anthropic':
      return new AnthropicClient({ ...envOption, ...timeout });
    case 'gemini':
      return new GeminiClient({ ...envOption, ...timeout });
    case 'openai':
      return new ResponsesClient({
        provider: 'openai',
        ...timeout,
        connect: (request): OpenAiConnection => {
          const env = spec.env ?? process.env;
          return {
            baseUrl: resolveBaseUrl('openai', env),
            bearerToken: requireApiKey('openai', env, request.model),
          };
        },
      });
    case 'self_hosted': {
      const server = spec.selfHosted;
      if (!server)
        throw new LlmClientSpecError(`self_hosted model ${spec.model} needs its server (selfHosted)`);
      const connect = (): OpenAiConnection => {
        const token = server.bearerToken ?? resolveApiKey('self_hosted', spec.env ?? process.env);
        return {
          baseUrl: normalizeSelfHostedBaseUrl(server.baseUrl),
          remoteModel: server.remoteModel,
          ...(token ? { bearerToken: token } : {}),
        };
      };
      return server.apiStyle === 'responses'
        ? new ResponsesClient({ provider: 'self_hosted', connect, ...timeout })
        : new ChatCompletionsClient({ connect, ...timeout });
    }
    default: {
      const unreachable: never = spec.provider;
      throw new LlmClientSpecError(`unknown provider ${String(unreachable)}`);
    }
  }
}
