import assert from 'node:assert/strict';
import type { FakeProvider } from '@rkat/testing/fake-provider';
import { createLlmClient } from '../../src/create-llm-client.js';
import { runWireSuite } from './provider-suite.js';

type Body = Record<string, unknown> & { messages: Record<string, unknown>[] };

const selfHosted = (fake: FakeProvider, bearerToken?: string) => ({
  baseUrl: fake.url,
  apiStyle: 'chat_completions' as const,
  remoteModel: 'qwen3:8b',
  ...(bearerToken ? { bearerToken } : {}),
});

runWireSuite({
  format: 'chat-completions',
  model: 'local-qwen',
  apiKey: undefined,
  makeClient: (fake, options = {}) =>
    createLlmClient({
      provider: 'self_hosted',
      model: 'local-qwen',
      selfHosted: selfHosted(fake),
      env: {},
      ...options,
    }),
  usage: { input_tokens: 14, output_tokens: 7, cache_creation_tokens: null, cache_read_tokens: 3 },
  toolResultIn: (body) => (body as Body).messages.find((message) => message.role === 'tool'),
  expectedToolResult: { role: 'tool', tool_call_id: 'call_paris', content: 'sunny' },
  checkReasoningBlocks: (blocks) => {
    assert.deepEqual(blocks[0], { block_type: 'reasoning', data: { text: 'thinking it over' } });
  },
  // Compatible servers take no reasoning back: the replayed assistant message is text only.
  reasoningReplayedAsExpected: (body) => {
    const assistant = (body as Body).messages.filter((message) => message.role === 'assistant');
    return JSON.stringify(assistant) === JSON.stringify([{ role: 'assistant', content: 'answer' }]);
  },
  checkStructuredOutput: (record, schema) => {
    const body = record.body as Body;
    assert.deepEqual(body.response_format, {
      type: 'json_schema',
      json_schema: { name: 'output', schema, strict: true },
    });
    assert.equal(body.model, 'qwen3:8b');
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(record.path, '/v1/chat/completions');
  },
  inStreamErrorKind: 'server_error',
});
