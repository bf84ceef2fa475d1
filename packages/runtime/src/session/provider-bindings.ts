import type { ProviderName, ResolvedModelCapabilities } from '@rkat/contracts';
import type { LlmClient } from '@rkat/core';
import {
  buildModelsCatalog,
  createLlmClient,
  inferProvider,
  LlmClientSpecError,
  parseProviderName,
  resolveSelfHostedModel,
} from '@rkat/providers';
import type { RealmConfig } from '../config/realm-config.js';
import type { ProviderBindings } from './model-identity.js';

export interface ProviderBindingsOptions {
  config: RealmConfig;
  /** Where API keys and base-URL overrides are read (00-decisions.md §13–14); default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The provider layer as the session service sees it: the model catalog (with the realm's self-hosted aliases
 * and `[models]` defaults) and `createLlmClient` with the realm's call timeout. `createClient` throws
 * `LlmClientSpecError` for a self-hosted model that is not a configured alias.
 */
export function createProviderBindings(options: ProviderBindingsOptions): ProviderBindings {
  const { config } = options;
  const env = options.env ?? process.env;
  const selfHosted = config.selfHosted;
  const catalog = buildModelsCatalog(selfHosted);
  const catalogDefault = (provider: ProviderName): string | undefined =>
    catalog.providers.find((entry) => entry.provider === provider)?.default_model_id;
  const timeout = (ms: number | undefined) => (ms !== undefined ? { callTimeoutMs: ms } : {});

  const createClient = ({ provider, model }: { provider: ProviderName; model: string }): LlmClient => {
    if (provider !== 'self_hosted') {
      return createLlmClient({ provider, model, env, ...timeout(config.callTimeoutMs) });
    }
    const target = resolveSelfHostedModel(selfHosted, model, env);
    if (!target) {
      throw new LlmClientSpecError(`self_hosted model '${model}' is not configured in self_hosted.models`);
    }
    const { callTimeoutMs, ...server } = target;
    return createLlmClient({
      provider,
      model,
      env,
      selfHosted: server,
      ...timeout(callTimeoutMs ?? config.callTimeoutMs),
    });
  };

  const modelCapabilities = (modelId: string): ResolvedModelCapabilities | undefined => {
    for (const entry of catalog.providers) {
      const profile = entry.models.find((model) => model.id === modelId)?.profile;
      if (!profile) continue;
      return {
        vision: profile.vision,
        image_input: profile.image_input,
        image_tool_results: profile.image_tool_results,
        inline_video: profile.inline_video,
        realtime: profile.realtime,
        web_search: profile.supports_web_search,
        image_generation: profile.image_generation,
      };
    }
    return undefined;
  };

  return {
    modelCapabilities,
    inferProvider: (modelId) =>
      Object.hasOwn(selfHosted.models, modelId) ? 'self_hosted' : inferProvider(modelId),
    parseProviderName,
    defaultModel: (provider) =>
      (provider === 'self_hosted' ? undefined : config.models[provider]) ?? catalogDefault(provider),
    createClient,
  };
}
