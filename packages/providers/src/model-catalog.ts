import type { ProviderName } from '@rkat/contracts';
import type {
  BetaHeader,
  CatalogProvider,
  ModelCapabilities,
  ModelTier,
} from './catalog/model-capabilities.js';
import { DEFAULT_MODELS, MODEL_ROWS } from './catalog/model-rows.js';
import { buildParamsSchema, objectSchema } from './catalog/params-schema.js';
import type { SelfHostedConfig } from './catalog/self-hosted-config.js';

/** `Profile` of a catalog entry (01 §11). */
export interface WireModelProfile {
  model_family: string;
  supports_temperature: boolean;
  supports_thinking: boolean;
  supports_reasoning: boolean;
  supports_web_search: boolean;
  vision: boolean;
  image_input: boolean;
  image_tool_results: boolean;
  inline_video: boolean;
  realtime: boolean;
  image_generation: boolean;
  params_schema: Record<string, unknown>;
  beta_headers: BetaHeader[];
}

/** `CatalogModelEntry` (01 §11). */
export interface CatalogModelEntry {
  id: string;
  display_name: string;
  tier: ModelTier;
  context_window?: number;
  max_output_tokens?: number;
  server_id?: string;
  profile?: WireModelProfile;
}

/** One provider of the `models/catalog` result. */
export interface CatalogProviderEntry {
  provider: ProviderName;
  default_model_id: string;
  models: CatalogModelEntry[];
}

/** The `models/catalog` result. */
export interface ModelsCatalog {
  contract_version: { major: 0; minor: 6; patch: 6 };
  providers: CatalogProviderEntry[];
}

const byId = (left: { id: string }, right: { id: string }): number =>
  left.id < right.id ? -1 : left.id > right.id ? 1 : 0;

/** Every built-in model row (01 §11), sorted by provider (anthropic, openai, gemini) then id. */
export const BUILT_IN_MODELS: readonly ModelCapabilities[] = MODEL_ROWS;

/** The default model id of a built-in provider. */
export function defaultModelFor(provider: CatalogProvider): string {
  return DEFAULT_MODELS[provider];
}

/** The built-in row for a model id (exact match), or undefined. */
export function findModel(modelId: string): ModelCapabilities | undefined {
  return MODEL_ROWS.find((row) => row.id === modelId);
}

/** The provider of a built-in model id (exact match only, no prefix guessing), or undefined. */
export function inferProvider(modelId: string): CatalogProvider | undefined {
  return findModel(modelId)?.provider;
}

/** Projects a capability row to its wire profile. */
export function modelProfile(row: ModelCapabilities): WireModelProfile {
  return {
    model_family: row.family,
    supports_temperature: row.supportsTemperature,
    supports_thinking: row.thinking !== 'none',
    supports_reasoning: row.supportsReasoning,
    supports_web_search: row.supportsWebSearch,
    vision: row.vision,
    image_input: row.vision,
    image_tool_results: row.imageToolResults,
    inline_video: row.inlineVideo,
    realtime: row.realtime,
    image_generation: row.imageGeneration,
    params_schema: buildParamsSchema(row),
    beta_headers: row.betaHeaders.map((header) => ({ ...header })),
  };
}

function builtInEntry(row: ModelCapabilities): CatalogModelEntry {
  return {
    id: row.id,
    display_name: row.displayName,
    tier: row.tier,
    context_window: row.contextWindow,
    max_output_tokens: row.maxOutputTokens,
    profile: modelProfile(row),
  };
}

function selfHostedEntries(config: SelfHostedConfig): CatalogModelEntry[] {
  return Object.entries(config.models ?? {})
    .map(([alias, model]): CatalogModelEntry => ({
      id: alias,
      display_name: model.display_name || alias,
      tier: model.tier ?? 'supported',
      ...(model.context_window !== undefined ? { context_window: model.context_window } : {}),
      ...(model.max_output_tokens !== undefined ? { max_output_tokens: model.max_output_tokens } : {}),
      server_id: model.server,
      profile: {
        model_family: model.family ?? '',
        supports_temperature: model.supports_temperature ?? false,
        supports_thinking: model.supports_thinking ?? false,
        supports_reasoning: model.supports_reasoning ?? false,
        supports_web_search: false,
        vision: model.vision ?? false,
        image_input: model.vision ?? false,
        image_tool_results: model.image_tool_results ?? false,
        inline_video: model.inline_video ?? false,
        realtime: false,
        image_generation: false,
        params_schema: objectSchema(),
        beta_headers: [],
      },
    }))
    .sort(byId);
}

/**
 * Builds the `models/catalog` result: anthropic, openai and gemini with their built-in models sorted by id,
 * then `self_hosted` when the (already parsed, see `parseSelfHostedConfig`) config has models; its default
 * is the smallest alias.
 */
export function buildModelsCatalog(selfHosted?: SelfHostedConfig): ModelsCatalog {
  const providers: CatalogProviderEntry[] = (['anthropic', 'openai', 'gemini'] as const).map((provider) => ({
    provider,
    default_model_id: DEFAULT_MODELS[provider],
    models: MODEL_ROWS.filter((row) => row.provider === provider)
      .map(builtInEntry)
      .sort(byId),
  }));
  const hosted = selfHosted ? selfHostedEntries(selfHosted) : [];
  const first = hosted[0];
  if (first) providers.push({ provider: 'self_hosted', default_model_id: first.id, models: hosted });
  return { contract_version: { major: 0, minor: 6, patch: 6 }, providers };
}
