import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LlmClientSpecError } from '@rkat/providers';
import { createProviderBindings, normalizeRealmConfig, resolveModelIdentity } from '../../src/index.js';

const config = normalizeRealmConfig({
  models: { openai: 'gpt-5.4' },
  self_hosted: {
    servers: { local: { base_url: 'http://127.0.0.1:9/v1', api_style: 'chat_completions' } },
    models: { 'gemma-small': { server: 'local', remote_model: 'gemma3:4b' } },
  },
});
const bindings = createProviderBindings({ config, env: {} });

void test('the catalog owns built-in models and the realm owns self-hosted aliases', () => {
  assert.equal(bindings.inferProvider('claude-opus-4-7'), 'anthropic');
  assert.equal(bindings.inferProvider('gemini-3-flash-preview'), 'gemini');
  assert.equal(bindings.inferProvider('gemma-small'), 'self_hosted');
  assert.equal(bindings.inferProvider('mystery'), undefined);
  assert.equal(bindings.parseProviderName('open_a_i'), 'openai');
});

void test('provider defaults come from [models], then the catalog', () => {
  assert.equal(bindings.defaultModel('openai'), 'gpt-5.4');
  assert.equal(bindings.defaultModel('anthropic'), 'claude-opus-4-7');
  assert.equal(bindings.defaultModel('self_hosted'), 'gemma-small');
  assert.deepEqual(resolveModelIdentity({ provider: 'self_hosted' }, 'claude-opus-4-7', bindings), {
    model: 'gemma-small',
    provider: 'self_hosted',
  });
});

void test('clients are built per provider; an unknown self-hosted alias is a spec error', () => {
  assert.equal(
    bindings.createClient({ provider: 'gemini', model: 'gemini-3-flash-preview' }).provider,
    'gemini',
  );
  assert.equal(
    bindings.createClient({ provider: 'self_hosted', model: 'gemma-small' }).provider,
    'self_hosted',
  );
  assert.throws(() => bindings.createClient({ provider: 'self_hosted', model: 'nope' }), LlmClientSpecError);
});
