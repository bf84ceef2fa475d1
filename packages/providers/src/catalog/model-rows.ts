import type { BetaHeader, ModelCapabilities } from './model-capabilities.js';

const betaHeader = (feature: string, value: string): BetaHeader => ({
  feature,
  header_name: 'anthropic-beta',
  header_value: value,
});

/** `anthropic-beta` value for structured output (01 §9). */
export const STRUCTURED_OUTPUTS_BETA = 'structured-outputs-2025-11-13';
/** `anthropic-beta` value for interleaved thinking. */
export const INTERLEAVED_THINKING_BETA = 'interleaved-thinking-2025-05-14';

const LEGACY_BETAS = [
  betaHeader('structured_output', STRUCTURED_OUTPUTS_BETA),
  betaHeader('interleaved_thinking', INTERLEAVED_THINKING_BETA),
];
const COMPACTION_BETAS = [betaHeader('compaction', 'compact-2026-01-12'), ...LEGACY_BETAS];

type AnthropicRow = Pick<ModelCapabilities, 'id' | 'displayName' | 'tier' | 'family' | 'contextWindow'> &
  Partial<ModelCapabilities>;

function anthropic(row: AnthropicRow): ModelCapabilities {
  return {
    provider: 'anthropic',
    maxOutputTokens: 64_000,
    supportsTemperature: true,
    thinking: 'anthropic_enabled',
    supportsReasoning: false,
    supportsWebSearch: true,
    vision: true,
    imageToolResults: true,
    inlineVideo: false,
    realtime: false,
    imageGeneration: false,
    effortLevels: [],
    supportsTopK: true,
    supportsTopP: true,
    supportsThinkingBudget: true,
    supportsInferenceGeo: true,
    supportsCompaction: false,
    supportsLegacyPenalties: false,
    betaHeaders: LEGACY_BETAS,
    ...row,
  };
}

const GPT5_EFFORT = ['none', 'low', 'medium', 'high', 'xhigh'];

function openai(
  row: Pick<ModelCapabilities, 'id' | 'displayName' | 'tier'> & Partial<ModelCapabilities>,
): ModelCapabilities {
  const base: Omit<ModelCapabilities, 'id' | 'displayName' | 'tier'> = {
    provider: 'openai',
    family: 'gpt-5',
    contextWindow: 1_050_000,
    maxOutputTokens: 128_000,
    supportsTemperature: false,
    thinking: 'none',
    supportsReasoning: true,
    supportsWebSearch: true,
    vision: true,
    imageToolResults: false,
    inlineVideo: false,
    realtime: false,
    imageGeneration: true,
    effortLevels: GPT5_EFFORT,
    supportsTopK: false,
    supportsTopP: false,
    supportsThinkingBudget: false,
    supportsInferenceGeo: false,
    supportsCompaction: false,
    supportsLegacyPenalties: true,
    betaHeaders: [],
  };
  return { ...base, ...row };
}

function gemini(row: Pick<ModelCapabilities, 'id' | 'displayName' | 'tier'>): ModelCapabilities {
  return {
    provider: 'gemini',
    family: 'gemini-3',
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    supportsTemperature: true,
    thinking: 'gemini_level',
    supportsReasoning: false,
    supportsWebSearch: true,
    vision: true,
    imageToolResults: true,
    inlineVideo: true,
    realtime: false,
    imageGeneration: true,
    effortLevels: [],
    supportsTopK: true,
    supportsTopP: true,
    supportsThinkingBudget: true,
    supportsInferenceGeo: false,
    supportsCompaction: false,
    supportsLegacyPenalties: false,
    betaHeaders: [],
    ...row,
  };
}

const haiku = { displayName: 'Claude Haiku 4.5', tier: 'recommended', family: 'claude-haiku-4' } as const;

/** The built-in model rows of 01 §11, in catalog order (provider, then id). */
export const MODEL_ROWS: readonly ModelCapabilities[] = [
  anthropic({ id: 'claude-haiku-4-5', ...haiku, contextWindow: 200_000, supportsInferenceGeo: false }),
  anthropic({
    id: 'claude-haiku-4-5-20251001',
    ...haiku,
    contextWindow: 200_000,
    supportsInferenceGeo: false,
  }),
  anthropic({
    id: 'claude-opus-4-5',
    displayName: 'Claude Opus 4.5',
    tier: 'supported',
    family: 'claude-opus-4',
    contextWindow: 200_000,
    effortLevels: ['low', 'medium', 'high'],
  }),
  anthropic({
    id: 'claude-opus-4-6',
    displayName: 'Claude Opus 4.6',
    tier: 'supported',
    family: 'claude-opus-4',
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
    thinking: 'anthropic_adaptive_and_enabled',
    effortLevels: ['low', 'medium', 'high', 'max'],
    supportsCompaction: true,
    betaHeaders: COMPACTION_BETAS,
  }),
  anthropic({
    id: 'claude-opus-4-7',
    displayName: 'Claude Opus 4.7',
    tier: 'recommended',
    family: 'claude-opus-4',
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
    supportsTemperature: false,
    thinking: 'anthropic_adaptive',
    effortLevels: ['low', 'medium', 'high', 'xhigh', 'max'],
    supportsTopK: false,
    supportsTopP: false,
    supportsThinkingBudget: false,
    supportsCompaction: true,
    betaHeaders: COMPACTION_BETAS,
  }),
  anthropic({
    id: 'claude-sonnet-4-5',
    displayName: 'Claude Sonnet 4.5',
    tier: 'supported',
    family: 'claude-sonnet-4',
    contextWindow: 200_000,
  }),
  anthropic({
    id: 'claude-sonnet-4-6',
    displayName: 'Claude Sonnet 4.6',
    tier: 'recommended',
    family: 'claude-sonnet-4',
    contextWindow: 1_000_000,
    thinking: 'anthropic_adaptive_and_enabled',
    effortLevels: ['low', 'medium', 'high', 'max'],
    supportsCompaction: true,
    betaHeaders: COMPACTION_BETAS,
  }),
  openai({
    id: 'gpt-5.3-codex',
    displayName: 'GPT-5.3 Codex',
    tier: 'supported',
    family: 'codex',
    contextWindow: 400_000,
    supportsWebSearch: false,
    effortLevels: ['low', 'medium', 'high', 'xhigh'],
  }),
  openai({ id: 'gpt-5.4', displayName: 'GPT-5.4', tier: 'supported' }),
  openai({
    id: 'gpt-5.4-mini',
    displayName: 'GPT-5.4 Mini',
    tier: 'supported',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
  }),
  openai({ id: 'gpt-5.5', displayName: 'GPT-5.5', tier: 'recommended' }),
  openai({ id: 'gpt-5.5-pro', displayName: 'GPT-5.5 Pro', tier: 'recommended' }),
  openai({
    id: 'gpt-realtime-2',
    displayName: 'GPT Realtime 2',
    tier: 'recommended',
    family: 'gpt-realtime',
    contextWindow: 128_000,
    maxOutputTokens: 32_000,
    supportsTemperature: true,
    supportsWebSearch: false,
    realtime: true,
    effortLevels: ['minimal', 'low', 'medium', 'high', 'xhigh'],
    supportsLegacyPenalties: false,
  }),
  gemini({ id: 'gemini-3-flash-preview', displayName: 'Gemini 3 Flash Preview', tier: 'recommended' }),
  gemini({
    id: 'gemini-3.1-flash-lite-preview',
    displayName: 'Gemini 3.1 Flash Lite Preview',
    tier: 'supported',
  }),
  gemini({ id: 'gemini-3.1-pro-preview', displayName: 'Gemini 3.1 Pro Preview', tier: 'supported' }),
];

/** The default model id per provider (01 §11). */
export const DEFAULT_MODELS = {
  anthropic: 'claude-opus-4-7',
  openai: 'gpt-5.5',
  gemini: 'gemini-3-flash-preview',
} as const;
