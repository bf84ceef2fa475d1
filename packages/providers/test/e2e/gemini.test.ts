import assert from 'node:assert/strict';
import { createLlmClient } from '../../src/create-llm-client.js';
import { runWireSuite } from './provider-suite.js';

type Part = Record<string, unknown>;
type Body = Record<string, unknown> & { contents: { role: string; parts: Part[] }[] };
const SIGNATURE = Buffer.from('fake-thought-signature:0').toString('base64');

runWireSuite({
  format: 'gemini',
  model: 'gemini-3-flash-preview',
  apiKey: 'fake-key-gemini',
  makeClient: (fake, options = {}) =>
    createLlmClient({ provider: 'gemini', model: 'gemini-3-flash-preview', env: fake.env(), ...options }),
  usage: { input_tokens: 14, output_tokens: 7, cache_creation_tokens: null, cache_read_tokens: 3 },
  toolResultIn: (body) => (body as Body).contents[2]?.parts[0],
  expectedToolResult: {
    functionResponse: { name: 'get_weather', response: { content: 'sunny', error: false } },
  },
  checkReasoningBlocks: (blocks) => {
    assert.deepEqual(blocks[0], { block_type: 'reasoning', data: { text: 'thinking it over' } });
    assert.deepEqual(blocks[1], {
      block_type: 'text',
      data: { text: 'answer', meta: { provider: 'gemini', thoughtSignature: SIGNATURE } },
    });
  },
  reasoningReplayedAsExpected: (body) => {
    const model = (body as Body).contents[1];
    return model?.role === 'model' && model.parts.some((part) => part.thoughtSignature === SIGNATURE);
  },
  checkStructuredOutput: (record, schema) => {
    const config = (record.body as Body).generationConfig as Record<string, unknown>;
    assert.deepEqual(config.responseJsonSchema, schema);
    assert.equal(config.responseMimeType, 'application/json');
    assert.equal(record.path, '/v1beta/models/gemini-3-flash-preview:streamGenerateContent?alt=sse');
    assert.equal(record.headers['x-goog-api-key'], 'fake-key-gemini');
  },
  inStreamErrorKind: 'server_error',
});
