import assert from 'node:assert/strict';
import { createLlmClient } from '../../src/create-llm-client.js';
import { runWireSuite } from './provider-suite.js';

type Body = Record<string, unknown> & { input: Record<string, unknown>[] };

runWireSuite({
  format: 'openai-responses',
  model: 'gpt-5.5',
  apiKey: 'fake-key-openai',
  makeClient: (fake, options = {}) =>
    createLlmClient({ provider: 'openai', model: 'gpt-5.5', env: fake.env(), ...options }),
  usage: { input_tokens: 14, output_tokens: 7, cache_creation_tokens: null, cache_read_tokens: 3 },
  toolResultIn: (body) => (body as Body).input.find((item) => item.type === 'function_call_output'),
  expectedToolResult: { type: 'function_call_output', call_id: 'call_paris', output: 'sunny' },
  checkReasoningBlocks: (blocks) => {
    const meta = blocks.find((block) => block.block_type === 'reasoning')?.data.meta;
    assert.ok(meta?.provider === 'open_ai');
    assert.match(meta.id, /^rs_fake_/);
    assert.equal(meta.encrypted_content, Buffer.from('fake-reasoning:0').toString('base64'));
  },
  reasoningReplayedAsExpected: (body) =>
    (body as Body).input.some(
      (item) =>
        item.type === 'reasoning' &&
        item.encrypted_content === Buffer.from('fake-reasoning:0').toString('base64'),
    ),
  checkStructuredOutput: (record, schema) => {
    const body = record.body as Body;
    assert.deepEqual(body.text, { format: { type: 'json_schema', name: 'output', schema, strict: true } });
    assert.equal(body.store, false);
    assert.deepEqual(body.include, ['reasoning.encrypted_content']);
    assert.equal(record.path, '/v1/responses');
    assert.equal(record.headers.authorization, 'Bearer fake-key-openai');
  },
  inStreamErrorKind: 'server_error',
});
