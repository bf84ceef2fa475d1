import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeScript, startFakeProvider, type FakeProvider } from '@rkat/testing/fake-provider';
import { createLlmClient, type SelfHostedSpec } from '../../src/create-llm-client.js';
import { makeRequest, user } from '../helpers/requests.js';
import { collect, responseText } from './fake-harness.js';

void describe('self-hosted servers', () => {
  let fake: FakeProvider;
  before(async () => {
    fake = await startFakeProvider();
  });
  after(() => fake.close());
  const request = () =>
    makeRequest({ model: 'local-qwen', messages: [user(`hi ${fakeScript([{ text: 'ok' }])}`)] });
  const server = (overrides: Partial<SelfHostedSpec> = {}): SelfHostedSpec => ({
    baseUrl: fake.url,
    apiStyle: 'chat_completions',
    remoteModel: 'qwen3:8b',
    ...overrides,
  });

  void test('no token sends no Authorization header', { timeout: 5000 }, async () => {
    const client = createLlmClient({
      provider: 'self_hosted',
      model: 'local-qwen',
      selfHosted: server(),
      env: {},
    });
    await collect(client, request());
    assert.equal(fake.requests.at(-1)?.headers.authorization, undefined);
  });

  void test(
    'a configured token, else RKAT_SELF_HOSTED_API_KEY, is sent as a bearer token',
    { timeout: 5000 },
    async () => {
      const env = { RKAT_SELF_HOSTED_API_KEY: 'tok-env' };
      const configured = createLlmClient({
        provider: 'self_hosted',
        model: 'local-qwen',
        selfHosted: server({ bearerToken: 'tok-config' }),
        env,
      });
      await collect(configured, request());
      assert.equal(fake.requests.at(-1)?.headers.authorization, 'Bearer tok-config');
      const fromEnv = createLlmClient({
        provider: 'self_hosted',
        model: 'local-qwen',
        selfHosted: server(),
        env,
      });
      await collect(fromEnv, request());
      assert.equal(fake.requests.at(-1)?.headers.authorization, 'Bearer tok-env');
    },
  );

  void test(
    'api_style responses posts {base}/v1/responses with the remote model',
    { timeout: 5000 },
    async () => {
      const client = createLlmClient({
        provider: 'self_hosted',
        model: 'local-qwen',
        selfHosted: server({ apiStyle: 'responses', baseUrl: `${fake.url}/v1/`, bearerToken: 'tok' }),
        env: {},
      });
      const result = await collect(client, request());
      assert.equal(responseText(result.response), 'ok');
      const record = fake.requests.at(-1);
      assert.equal(record?.path, '/v1/responses');
      assert.equal((record?.body as { model?: string }).model, 'qwen3:8b');
    },
  );
});
