import { Type, type Static } from '@sinclair/typebox';
import { ProviderName } from './common.js';
import { ContractVersion } from './contract-version.js';
import { stringEnum } from './string-enum.js';

/** How the catalog ranks a model. */
export const ModelTier = stringEnum(['recommended', 'supported'] as const);
export type ModelTier = Static<typeof ModelTier>;

/** A beta header a model needs for a feature (Anthropic's `anthropic-beta`). */
export const BetaHeader = Type.Object({
  feature: Type.String(),
  header_name: Type.String(),
  header_value: Type.String(),
});
export type BetaHeader = Static<typeof BetaHeader>;

/** What a model supports (01 §11). `image_input` equals `vision`. */
export const ModelProfile = Type.Object({
  model_family: Type.String(),
  supports_temperature: Type.Boolean(),
  supports_thinking: Type.Boolean(),
  supports_reasoning: Type.Boolean(),
  supports_web_search: Type.Boolean(),
  vision: Type.Boolean(),
  image_input: Type.Boolean(),
  image_tool_results: Type.Boolean(),
  inline_video: Type.Boolean(),
  realtime: Type.Boolean(),
  image_generation: Type.Boolean(),
  /** JSON Schema of the model's `provider_params`. */
  params_schema: Type.Record(Type.String(), Type.Unknown()),
  beta_headers: Type.Array(BetaHeader),
});
export type ModelProfile = Static<typeof ModelProfile>;

/** One model of the catalog. Self-hosted aliases carry `server_id`. */
export const CatalogModelEntry = Type.Object({
  id: Type.String({ minLength: 1 }),
  display_name: Type.String(),
  tier: ModelTier,
  context_window: Type.Optional(Type.Integer({ minimum: 0 })),
  max_output_tokens: Type.Optional(Type.Integer({ minimum: 0 })),
  server_id: Type.Optional(Type.String()),
  profile: Type.Optional(ModelProfile),
});
export type CatalogModelEntry = Static<typeof CatalogModelEntry>;

/** The models of one provider, sorted by id. */
export const ProviderCatalog = Type.Object({
  provider: ProviderName,
  default_model_id: Type.String(),
  models: Type.Array(CatalogModelEntry),
});
export type ProviderCatalog = Static<typeof ProviderCatalog>;

/** The result of `models/catalog`: providers in the order anthropic, openai, gemini, self_hosted. */
export const ModelsCatalogResult = Type.Object({
  contract_version: ContractVersion,
  providers: Type.Array(ProviderCatalog),
});
export type ModelsCatalogResult = Static<typeof ModelsCatalogResult>;
