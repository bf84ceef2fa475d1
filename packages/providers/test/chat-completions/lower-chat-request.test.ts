import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerChatRequest } from '../../src/chat-completions/lower-chat-request.js';
import { AT, makeRequest, toolRoundTrip, WEATHER_TOOL } from '../helpers/requests.js';

void test('messages, tool calls and tool results are lowered; usage is requested', () => {
  const body = lowerChatRequest(
    makeRequest({ systemPrompt: 'sys', messages: toolRoundTrip(), tools: [WEATHER_TOOL], temperature: 0.1 }),
  );
  assert.deepEqual(body.messages, [
    { role: 'system', content: 'sys' },
    { role: 'user', content: 'weather in Paris?' },
    {
      role: 'assistant',
      content: 'Let me check.',
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: 'sunny, 21C' },
  ]);
  assert.deepEqual(body.stream_options, { include_usage: true });
  assert.equal(body.max_tokens, 1024);
  assert.equal(body.temperature, 0.1);
  assert.deepEqual(body.tools, [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: WEATHER_TOOL.input_schema,
      },
    },
  ]);
});

void test('images become image_url parts; reasoning is not replayed; response_format for output', () => {
  const schema = { type: 'object' };
  const body = lowerChatRequest(
    makeRequest({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image', media_type: 'image/jpeg', source: 'inline', data: 'BB' },
          ],
          created_at: AT,
        },
        {
          role: 'block_assistant',
          blocks: [
            { block_type: 'reasoning', data: { text: 'hidden' } },
            { block_type: 'text', data: { text: 'a cat' } },
          ],
          stop_reason: 'end_turn',
          created_at: AT,
        },
      ],
      outputFormat: { schema, name: 'out', strict: false },
      providerParams: { seed: 1, top_k: 20 },
    }),
  );
  assert.deepEqual(body.messages, [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'look' },
        { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,BB' } },
      ],
    },
    { role: 'assistant', content: 'a cat' },
  ]);
  assert.deepEqual(body.response_format, {
    type: 'json_schema',
    json_schema: { name: 'out', schema, strict: false },
  });
  assert.equal(body.seed, 1);
  assert.equal(body.top_k, 20);
});
