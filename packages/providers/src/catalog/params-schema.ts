import type { ModelCapabilities, ThinkingMode } from './model-capabilities.js';

type JsonObject = Record<string, unknown>;

const nonNegativeInteger = (): JsonObject => ({ type: 'integer', minimum: 0 });

const stringEnum = (description: string, values: readonly string[]): JsonObject => ({
  description,
  type: 'string',
  enum: [...values],
});

/** The empty `params_schema` of models that take no provider parameters (self-hosted aliases). */
export function objectSchema(properties: JsonObject = {}): JsonObject {
  return { type: 'object', additionalProperties: false, properties };
}

const ADAPTIVE = {
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string', enum: ['adaptive'] } },
};
const ENABLED = {
  type: 'object',
  required: ['type', 'budget_tokens'],
  properties: { type: { type: 'string', enum: ['enabled'] }, budget_tokens: nonNegativeInteger() },
};

function anthropicThinking(mode: ThinkingMode): JsonObject | undefined {
  switch (mode) {
    case 'anthropic_enabled':
      return {
        description: 'Extended thinking configuration. Format: {"type": "enabled", "budget_tokens": N}.',
        ...ENABLED,
      };
    case 'anthropic_adaptive':
      return { description: 'Extended thinking configuration. Format: {"type": "adaptive"}.', ...ADAPTIVE };
    case 'anthropic_adaptive_and_enabled':
      return {
        description:
          'Extended thinking configuration. Format: {"type": "adaptive"} or {"type": "enabled", "budget_tokens": N}.',
        oneOf: [ADAPTIVE, ENABLED],
      };
    case 'none':
    case 'gemini_level':
      return undefined;
    default: {
      const unreachable: never = mode;
      return unreachable;
    }
  }
}

function anthropicSchema(row: ModelCapabilities): JsonObject {
  const properties: JsonObject = {};
  const thinking = anthropicThinking(row.thinking);
  if (thinking) properties.thinking = thinking;
  if (row.supportsThinkingBudget && row.thinking !== 'none')
    properties.thinking_budget = nonNegativeInteger();
  if (row.supportsTopK) properties.top_k = nonNegativeInteger();
  if (row.effortLevels.length > 0) properties.effort = stringEnum('Output effort level.', row.effortLevels);
  if (row.supportsInferenceGeo) {
    properties.inference_geo = {
      description: 'Data residency region (e.g., "us" or "global").',
      type: 'string',
    };
  }
  if (row.supportsCompaction) {
    properties.compaction = {
      description: 'Context compaction. "auto" or an object like {"trigger": 150000}.',
    };
  }
  return objectSchema(properties);
}

function openaiSchema(row: ModelCapabilities): JsonObject {
  const properties: JsonObject = {};
  if (row.supportsReasoning && row.effortLevels.length > 0) {
    properties.reasoning_effort = stringEnum('Reasoning effort level.', row.effortLevels);
  }
  if (row.supportsLegacyPenalties) {
    properties.seed = { description: 'Random seed for reproducibility.', type: 'integer' };
    properties.frequency_penalty = { description: 'Frequency penalty (-2.0 to 2.0).', type: 'number' };
    properties.presence_penalty = { description: 'Presence penalty (-2.0 to 2.0).', type: 'number' };
  }
  return objectSchema(properties);
}

const GEMINI_THINKING_LEVEL = stringEnum('Gemini 3 reasoning level.', ['minimal', 'low', 'medium', 'high']);

function geminiSchema(row: ModelCapabilities): JsonObject {
  const properties: JsonObject = {};
  if (row.thinking !== 'none') {
    const inner: JsonObject =
      row.thinking === 'gemini_level'
        ? { thinking_level: GEMINI_THINKING_LEVEL, thinking_budget: nonNegativeInteger() }
        : { thinking_budget: nonNegativeInteger() };
    properties.thinking = {
      description: 'Thinking configuration.',
      type: 'object',
      additionalProperties: false,
      properties: inner,
    };
    if (row.thinking === 'gemini_level') properties.thinking_level = GEMINI_THINKING_LEVEL;
    if (row.supportsThinkingBudget) {
      properties.thinking_budget = {
        description: 'Legacy flat thinking budget (alternative to thinking.thinking_budget).',
        ...nonNegativeInteger(),
      };
    }
  }
  if (row.supportsTopK) properties.top_k = nonNegativeInteger();
  if (row.supportsTopP) properties.top_p = { type: 'number', minimum: 0, maximum: 1 };
  return objectSchema(properties);
}

/**
 * The JSON Schema of a model's `provider_params` (01 §11 `params_schema`):
 * `{"type":"object","additionalProperties":false,"properties":{…}}` with the keys its capabilities allow.
 */
export function buildParamsSchema(row: ModelCapabilities): JsonObject {
  switch (row.provider) {
    case 'anthropic':
      return anthropicSchema(row);
    case 'openai':
      return openaiSchema(row);
    case 'gemini':
      return geminiSchema(row);
    default: {
      const unreachable: never = row.provider;
      return unreachable;
    }
  }
}
