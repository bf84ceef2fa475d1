import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerResponsesRequest } from '../../src/openai/lower-responses-request.js';
import { AT, makeRequest, toolRoundTrip, user, WEATHER_TOOL } from '../helpers/requests.js';

void test('transcript becomes input items with function_call and function_call_output', () => {
  const body = lowerResponsesRequest(
    makeRequest({
      model: 'gpt-5.5',
      systemPrompt: 'Be brief.',
      messages: toolRoundTrip(),
      tools: [WEATHER_TOOL],
    }),
  );
  assert.equal(body.instructions, 'Be brief.');
  assert.equal(body.store, false);
  assert.equal(body.stream, true);
  assert.equal(body.max_output_tokens, 1024);
  assert.deepEqual(body.input, [
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'weather in Paris?' }] },
    { type: 'message', role: 'assistant', content: 'Let me check.' },
    { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'function_call_output', call_id: 'call_1', output: 'sunny, 21C' },
  ]);
  assert.deepEqual(body.tools, [
    {
      type: 'function',
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: WEATHER_TOOL.input_schema,
      strict: false,
    },
  ]);
  assert.deepEqual(body.reasoning, { effort: 'medium', summary: 'auto' });
  assert.deepEqual(body.include, ['reasoning.encrypted_content']);
});

void test('reasoning items are replayed from open_ai meta with encrypted content only', () => {
  const body = lowerResponsesRequest(
    makeRequest({
      messages: [
        user('q'),
        {
          role: 'block_assistant',
          blocks: [
            {
              block_type: 'reasoning',
              data: { text: 'plan', meta: { provider: 'open_ai', id: 'rs_1', encrypted_content: 'ENC' } },
            },
            { block_type: 'reasoning', data: { text: 'lost', meta: { provider: 'open_ai', id: 'rs_2' } } },
            { block_type: 'text', data: { text: 'answer' } },
          ],
          stop_reason: 'end_turn',
          created_at: AT,
        },
        {
          role: 'user',
          content: [{ type: 'image', media_type: 'image/png', source: 'inline', data: 'AA' }],
          created_at: AT,
        },
      ],
    }),
  );
  assert.deepEqual(body.input, [
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'q' }] },
    {
      type: 'reasoning',
      id: 'rs_1',
      summary: [{ type: 'summary_text', text: 'plan' }],
      encrypted_content: 'ENC',
    },
    { type: 'message', role: 'assistant', content: 'answer' },
    {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_image', image_url: 'data:image/png;base64,AA', detail: 'auto' }],
    },
  ]);
});

void test('output format, reasoning_effort, penalties; temperature only where supported', () => {
  const schema = { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] };
  const body = lowerResponsesRequest(
    makeRequest({
      model: 'gpt-5.4',
      temperature: 0,
      outputFormat: { schema, name: 'answer', strict: true },
      providerParams: { reasoning_effort: 'high', seed: 7 },
    }),
  );
  assert.deepEqual(body.text, { format: { type: 'json_schema', name: 'answer', schema, strict: true } });
  assert.deepEqual(body.reasoning, { effort: 'high', summary: 'auto' });
  assert.equal(body.seed, 7);
  assert.equal('temperature' in body, false);

  const plain = lowerResponsesRequest(makeRequest({ model: 'custom-model', temperature: 0.5 }));
  assert.equal(plain.temperature, 0.5);
  assert.equal('reasoning' in plain, false);
  assert.equal('include' in plain, false);
});
