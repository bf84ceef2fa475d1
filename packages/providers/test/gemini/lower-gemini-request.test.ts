import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerGeminiRequest } from '../../src/gemini/lower-gemini-request.js';
import { AT, makeRequest, toolRoundTrip, user, WEATHER_TOOL } from '../helpers/requests.js';

void test('contents use role model, functionCall and functionResponse parts named after the tool', () => {
  const { contents, config } = lowerGeminiRequest(
    makeRequest({ systemPrompt: 'sys', messages: toolRoundTrip(), tools: [WEATHER_TOOL], temperature: 0.3 }),
  );
  assert.deepEqual(contents, [
    { role: 'user', parts: [{ text: 'weather in Paris?' }] },
    {
      role: 'model',
      parts: [{ text: 'Let me check.' }, { functionCall: { name: 'get_weather', args: { city: 'Paris' } } }],
    },
    {
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { content: 'sunny, 21C', error: false } } },
      ],
    },
  ]);
  assert.equal(config.systemInstruction, 'sys');
  assert.equal(config.maxOutputTokens, 1024);
  assert.equal(config.temperature, 0.3);
  assert.deepEqual(config.tools, [
    {
      functionDeclarations: [
        {
          name: 'get_weather',
          description: 'Weather for a city',
          parametersJsonSchema: WEATHER_TOOL.input_schema,
        },
      ],
    },
  ]);
});

void test('thought signatures are replayed; unsigned reasoning is dropped; media is inlineData', () => {
  const { contents } = lowerGeminiRequest(
    makeRequest({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'video', media_type: 'video/mp4', duration_ms: 10, source: 'inline', data: 'VV' },
          ],
          created_at: AT,
        },
        {
          role: 'block_assistant',
          blocks: [
            { block_type: 'reasoning', data: { text: 'plain thought' } },
            {
              block_type: 'reasoning',
              data: { text: 'signed thought', meta: { provider: 'gemini', thoughtSignature: 'S1' } },
            },
            { block_type: 'text', data: { text: '', meta: { provider: 'gemini', thoughtSignature: 'S2' } } },
            {
              block_type: 'tool_use',
              data: { id: 'x', name: 'f', args: {}, meta: { provider: 'gemini', thoughtSignature: 'S3' } },
            },
          ],
          stop_reason: 'tool_use',
          created_at: AT,
        },
        user('after'),
      ],
    }),
  );
  assert.deepEqual(contents, [
    { role: 'user', parts: [{ inlineData: { mimeType: 'video/mp4', data: 'VV' } }] },
    {
      role: 'model',
      parts: [
        { text: 'signed thought', thought: true, thoughtSignature: 'S1' },
        { text: '', thoughtSignature: 'S2' },
        { functionCall: { name: 'f', args: {} }, thoughtSignature: 'S3' },
      ],
    },
    { role: 'user', parts: [{ text: 'after' }] },
  ]);
});

void test('thinking config, top_k/top_p, and structured output with schema warnings', () => {
  const schema = { type: 'object', properties: { a: { type: 'string', pattern: 'x' } } };
  const lowered = lowerGeminiRequest(
    makeRequest({
      model: 'gemini-3-flash-preview',
      outputFormat: { schema, name: 'out', strict: false },
      providerParams: { thinking: { thinking_level: 'low' }, top_k: 3, top_p: 0.5 },
    }),
  );
  assert.deepEqual(lowered.config.thinkingConfig, { thinkingLevel: 'LOW', includeThoughts: true });
  assert.equal(lowered.config.topK, 3);
  assert.equal(lowered.config.topP, 0.5);
  assert.equal(lowered.config.responseMimeType, 'application/json');
  assert.deepEqual(lowered.config.responseJsonSchema, schema);
  assert.deepEqual(lowered.schemaWarnings, [
    {
      provider: 'gemini',
      path: '/properties/a/pattern',
      message: "Keyword 'pattern' may be ignored by Gemini responseJsonSchema",
    },
  ]);
  const budget = lowerGeminiRequest(
    makeRequest({ model: 'custom', providerParams: { thinking_budget: 512 } }),
  );
  assert.deepEqual(budget.config.thinkingConfig, { thinkingBudget: 512, includeThoughts: true });
  assert.equal(lowerGeminiRequest(makeRequest({ model: 'custom' })).config.thinkingConfig, undefined);
});
