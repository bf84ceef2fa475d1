/** Which thinking control a model takes (01 §11 column "Think"). */
export type ThinkingMode =
  'none' | 'anthropic_enabled' | 'anthropic_adaptive' | 'anthropic_adaptive_and_enabled' | 'gemini_level';

/** How the catalog ranks a model. */
export type ModelTier = 'recommended' | 'supported';

/** The providers with a built-in catalog. */
export type CatalogProvider = 'anthropic' | 'openai' | 'gemini';

/** A beta header a model accepts, as advertised by `models/catalog`. */
export interface BetaHeader {
  feature: string;
  header_name: string;
  header_value: string;
}

/** One built-in model row: identity, limits and the capability flags its profile and params schema derive from. */
export interface ModelCapabilities {
  provider: CatalogProvider;
  id: string;
  displayName: string;
  tier: ModelTier;
  family: string;
  contextWindow: number;
  maxOutputTokens: number;
  supportsTemperature: boolean;
  thinking: ThinkingMode;
  supportsReasoning: boolean;
  supportsWebSearch: boolean;
  vision: boolean;
  imageToolResults: boolean;
  inlineVideo: boolean;
  realtime: boolean;
  imageGeneration: boolean;
  /** Anthropic `effort` values or OpenAI `reasoning_effort` values; empty when the model takes none. */
  effortLevels: readonly string[];
  supportsTopK: boolean;
  supportsTopP: boolean;
  supportsThinkingBudget: boolean;
  supportsInferenceGeo: boolean;
  supportsCompaction: boolean;
  supportsLegacyPenalties: boolean;
  betaHeaders: readonly BetaHeader[];
}
