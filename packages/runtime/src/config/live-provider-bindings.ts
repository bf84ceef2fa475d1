import type { ProviderBindings } from '../session/model-identity.js';
import type { RealmConfig } from './realm-config.js';

/**
 * Provider bindings that follow the realm config: every call goes to bindings built by `build` from
 * `currentConfig()`, rebuilt only when the config object changes (after a `config/set` or `config/patch`),
 * so new self-hosted aliases, `[models]` defaults and call timeouts apply without a restart.
 */
export function liveProviderBindings(
  currentConfig: () => RealmConfig,
  build: (config: RealmConfig) => ProviderBindings,
): ProviderBindings {
  let builtFor: RealmConfig | undefined;
  let bindings: ProviderBindings | undefined;
  const now = (): ProviderBindings => {
    const config = currentConfig();
    if (!bindings || builtFor !== config) {
      bindings = build(config);
      builtFor = config;
    }
    return bindings;
  };
  return {
    inferProvider: (modelId) => now().inferProvider(modelId),
    parseProviderName: (raw) => now().parseProviderName(raw),
    defaultModel: (provider) => now().defaultModel(provider),
    createClient: (identity) => now().createClient(identity),
    modelCapabilities: (modelId) => now().modelCapabilities?.(modelId),
  };
}
