import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerAnthropicRequest } from '../../src/anthropic/lower-anthropic-request.js';
import { AT, makeRequest, toolRoundTrip, user, WEATHER_TOOL } from '../helpers/requests.js';

void test('system, messages, tools and max_tokens are lowered', () => {
  const { body, betas } = lowerAnthropicRequest(
    makeRequest({
      model: 'claude-sonnet-4-5',
      systemPrompt: 'Be brief.',
      messages: toolRoundTrip(),
      tools: [WEATHER_TOOL],
      temperature: 0.2,
    }),
  );
  assert.equal(body.system, 'Be brief.');
  assert.equal(body.max_tokens, 1024);
  assert.equal(body.stream, true);
  assert.equal(body.temperature, 0.2);
  assert.deepEqual(body.tools, [
    { name: 'get_weather', description: 'Weather for a city', input_schema: WEATHER_TOOL.input_schema },
  ]);
  assert.deepEqual(body.messages, [
    { role: 'user', content: [{ type: 'text', text: 'weather in Paris?' }] },
    {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
      ],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'sunny, 21C' }] },
  ]);
  assert.deepEqual(betas, []);
});

void test('signed thinking is replayed, unsigned reasoning is dropped, images are base64 blocks', () => {
  const { body } = lowerAnthropicRequest(
    makeRequest({
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', media_type: 'image/png', source: 'inline', data: 'AAAA' }],
          created_at: AT,
        },
        {
          role: 'block_assistant',
          blocks: [
            {
              block_type: 'reasoning',
              data: { text: 'hmm', meta: { provider: 'anthropic', signature: 'sig' } },
            },
            {
              block_type: 'reasoning',
              data: { text: 'x', meta: { provider: 'anthropic_redacted', data: 'enc' } },
            },
            { block_type: 'reasoning', data: { text: 'unsigned' } },
            { block_type: 'text', data: { text: 'ok' } },
          ],
          stop_reason: 'end_turn',
          created_at: AT,
        },
        {
          role: 'tool_results',
          results: [{ tool_use_id: 't', content: 'boom', is_error: true }],
          created_at: AT,
        },
        user('next'),
      ],
    }),
  );
  assert.deepEqual(body.messages, [
    {
      role: 'user',
      content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }],
    },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 'sig' },
        { type: 'redacted_thinking', data: 'enc' },
        { type: 'text', text: 'ok' },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 't', content: 'boom', is_error: true },
        { type: 'text', text: 'next' },
      ],
    },
  ]);
});

void test('structured output uses output_config.format and the structured-outputs beta', () => {
  const schema = { type: 'object', properties: { answer: { type: 'string' } } };
  const { body, betas } = lowerAnthropicRequest(
    makeRequest({ model: 'claude-opus-4-7', outputFormat: { schema, name: 'output', strict: true } }),
  );
  assert.deepEqual(body.output_config, { format: { type: 'json_schema', schema } });
  assert.deepEqual(betas, ['structured-outputs-2025-11-13']);
});

void test('provider params: thinking, thinking_budget, top_k, effort, inference_geo; temperature dropped when unsupported', () => {
  const adaptive = lowerAnthropicRequest(
    makeRequest({
      model: 'claude-opus-4-7',
      temperature: 0,
      providerParams: { thinking: { type: 'adaptive' }, effort: 'xhigh', inference_geo: 'us' },
    }),
  ).body;
  assert.deepEqual(adaptive.thinking, { type: 'adaptive' });
  assert.deepEqual(adaptive.output_config, { effort: 'xhigh' });
  assert.equal(adaptive.inference_geo, 'us');
  assert.equal('temperature' in adaptive, false);

  const budget = lowerAnthropicRequest(
    makeRequest({
      model: 'claude-sonnet-4-5',
      tools: [WEATHER_TOOL],
      providerParams: { thinking_budget: 2048, top_k: 5 },
    }),
  );
  assert.deepEqual(budget.body.thinking, { type: 'enabled', budget_tokens: 2048 });
  assert.equal(budget.body.top_k, 5);
  assert.deepEqual(budget.betas, ['interleaved-thinking-2025-05-14']);
});
