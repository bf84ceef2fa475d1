import assert from 'node:assert/strict';
import { createLlmClient } from '../../src/create-llm-client.js';
import { runWireSuite } from './provider-suite.js';

type Body = Record<string, unknown> & { messages: { content: Record<string, unknown>[] }[] };

runWireSuite({
  format: 'anthropic',
  model: 'claude-sonnet-4-5',
  apiKey: 'fake-key-anthropic',
  makeClient: (fake, options = {}) =>
    createLlmClient({ provider: 'anthropic', model: 'claude-sonnet-4-5', env: fake.env(), ...options }),
  usage: { input_tokens: 11, output_tokens: 7, cache_creation_tokens: 2, cache_read_tokens: 3 },
  toolResultIn: (body) => (body as Body).messages[2]?.content[0],
  expectedToolResult: { type: 'tool_result', tool_use_id: 'call_paris', content: 'sunny' },
  checkReasoningBlocks: (blocks) => {
    const reasoning = blocks.find((block) => block.block_type === 'reasoning');
    assert.deepEqual(reasoning?.data.meta, {
      provider: 'anthropic',
      signature: Buffer.from('fake-signature:0').toString('base64'),
    });
  },
  reasoningReplayedAsExpected: (body) =>
    (body as Body).messages[1]?.content.some(
      (block) =>
        block.type === 'thinking' && block.signature === Buffer.from('fake-signature:0').toString('base64'),
    ) ?? false,
  checkStructuredOutput: (record, schema) => {
    assert.deepEqual((record.body as Body).output_config, { format: { type: 'json_schema', schema } });
    assert.match(record.headers['anthropic-beta'] ?? '', /structured-outputs-2025-11-13/);
    assert.equal(record.headers['x-api-key'], 'fake-key-anthropic');
    assert.equal(record.headers.authorization, undefined);
    assert.match(record.headers['anthropic-version'] ?? '', /^\d{4}-\d{2}-\d{2}$/);
  },
  inStreamErrorKind: 'overloaded',
});
