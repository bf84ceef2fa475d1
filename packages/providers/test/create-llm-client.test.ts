import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LlmError } from '@rkat/core';
import { createLlmClient, LlmClientSpecError } from '../src/create-llm-client.js';
import { makeRequest } from './helpers/requests.js';

for (const provider of ['anthropic', 'openai', 'gemini'] as const) {
  void test(`${provider}: a missing key fails the first call with missing_credentials, not construction`, async () => {
    const client = createLlmClient({ provider, model: 'm', env: {} });
    assert.equal(client.provider, provider);
    const iterator = client.stream(makeRequest({ model: 'm' }))[Symbol.asyncIterator]();
    await assert.rejects(
      iterator.next(),
      (error: unknown) =>
        error instanceof LlmError &&
        error.kind === 'missing_credentials' &&
        error.provider === provider &&
        error.message.startsWith(`missing API key for ${provider}: set `),
    );
  });
}

void test('self_hosted needs its server; the client reports provider self_hosted', () => {
  assert.throws(() => createLlmClient({ provider: 'self_hosted', model: 'x' }), LlmClientSpecError);
  for (const apiStyle of ['chat_completions', 'responses'] as const) {
    const client = createLlmClient({
      provider: 'self_hosted',
      model: 'x',
      selfHosted: { baseUrl: 'http://127.0.0.1:1', apiStyle, remoteModel: 'y' },
    });
    assert.equal(client.provider, 'self_hosted');
  }
});
