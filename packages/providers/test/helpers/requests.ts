import type { LlmRequest } from '@rkat/core';
import type { SessionMessage, ToolDef } from '@rkat/contracts';

export const AT = '2026-01-01T00:00:00Z';

export const WEATHER_TOOL: ToolDef = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

export function user(content: string): SessionMessage {
  return { role: 'user', content, created_at: AT };
}

/** A request with sensible defaults; override any field. */
export function makeRequest(overrides: Partial<LlmRequest> = {}): LlmRequest {
  return {
    model: 'test-model',
    messages: [user('hello')],
    tools: [],
    maxTokens: 1024,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** A transcript with one tool round trip: prompt, assistant tool call (with reasoning), tool result. */
export function toolRoundTrip(): SessionMessage[] {
  return [
    user('weather in Paris?'),
    {
      role: 'block_assistant',
      blocks: [
        { block_type: 'text', data: { text: 'Let me check.' } },
        { block_type: 'tool_use', data: { id: 'call_1', name: 'get_weather', args: { city: 'Paris' } } },
      ],
      stop_reason: 'tool_use',
      created_at: AT,
    },
    {
      role: 'tool_results',
      results: [{ tool_use_id: 'call_1', content: 'sunny, 21C', is_error: false }],
      created_at: AT,
    },
  ];
}
