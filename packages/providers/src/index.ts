export {
  createLlmClient,
  LlmClientSpecError,
  type LlmClientSpec,
  type SelfHostedSpec,
} from './create-llm-client.js';
export {
  API_KEY_VARIABLES,
  DEFAULT_BASE_URLS,
  missingKeyMessage,
  requireApiKey,
  resolveApiKey,
  resolveBaseUrl,
  type EnvRecord,
  type HostedProvider,
} from './credentials.js';
export { parseProviderName } from './provider-name.js';
export {
  BUILT_IN_MODELS,
  buildModelsCatalog,
  defaultModelFor,
  findModel,
  inferProvider,
  modelProfile,
  type CatalogModelEntry,
  type CatalogProviderEntry,
  type ModelsCatalog,
  type WireModelProfile,
} from './model-catalog.js';
export type {
  BetaHeader,
  CatalogProvider,
  ModelCapabilities,
  ModelTier,
  ThinkingMode,
} from './catalog/model-capabilities.js';
export { buildParamsSchema } from './catalog/params-schema.js';
export {
  normalizeSelfHostedBaseUrl,
  parseSelfHostedConfig,
  resolveSelfHostedModel,
  SelfHostedConfigError,
  type SelfHostedApiStyle,
  type SelfHostedConfig,
  type SelfHostedModelConfig,
  type SelfHostedServerConfig,
  type SelfHostedTarget,
} from './catalog/self-hosted-config.js';
export { AnthropicClient, type AnthropicClientOptions } from './anthropic/anthropic-client.js';
export {
  ResponsesClient,
  type OpenAiConnection,
  type ResponsesClientOptions,
} from './openai/responses-client.js';
export {
  ChatCompletionsClient,
  type ChatCompletionsClientOptions,
} from './chat-completions/chat-completions-client.js';
export { GeminiClient, type GeminiClientOptions } from './gemini/gemini-client.js';
export { geminiSchemaWarnings } from './gemini/gemini-schema-warnings.js';
export { parseRetryAfter } from './shared/retry-after.js';
