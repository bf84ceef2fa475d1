import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  normalizeSelfHostedBaseUrl,
  parseSelfHostedConfig,
  resolveSelfHostedModel,
  SelfHostedConfigError,
} from '../../src/catalog/self-hosted-config.js';

const CONFIG = {
  servers: {
    ollama: {
      transport: 'openai_compatible',
      base_url: 'http://127.0.0.1:11434',
      api_style: 'chat_completions',
    },
    vllm: { base_url: 'http://127.0.0.1:8000/v1/', api_style: 'responses', bearer_token_env: 'VLLM_TOKEN' },
  },
  models: {
    small: { server: 'ollama', remote_model: 'qwen3:8b', call_timeout_secs: 30 },
    big: { server: 'vllm', remote_model: 'meta/llama' },
  },
};

void test('a valid config parses', () => {
  assert.deepEqual(parseSelfHostedConfig(CONFIG), CONFIG);
});

void test('invalid configs are SelfHostedConfigError', () => {
  const bad: unknown[] = [
    { models: { a: { server: 'missing', remote_model: 'x' } } },
    { servers: { s: { base_url: 'not a url' } } },
    { servers: { s: { base_url: 'http://x', api_style: 'grpc' } } },
    { models: { a: { server: 's' } } },
    'nope',
  ];
  for (const raw of bad)
    assert.throws(() => parseSelfHostedConfig(raw), SelfHostedConfigError, JSON.stringify(raw));
});

void test('base URLs are normalized to end in /v1', () => {
  assert.equal(normalizeSelfHostedBaseUrl('http://h:1'), 'http://h:1/v1');
  assert.equal(normalizeSelfHostedBaseUrl('http://h:1/'), 'http://h:1/v1');
  assert.equal(normalizeSelfHostedBaseUrl('http://h:1/v1/'), 'http://h:1/v1');
});

void test('aliases resolve to their server, style, remote model and token', () => {
  const config = parseSelfHostedConfig(CONFIG);
  assert.deepEqual(resolveSelfHostedModel(config, 'small', {}), {
    baseUrl: 'http://127.0.0.1:11434/v1',
    apiStyle: 'chat_completions',
    remoteModel: 'qwen3:8b',
    callTimeoutMs: 30_000,
  });
  assert.deepEqual(resolveSelfHostedModel(config, 'big', { VLLM_TOKEN: 'tok' }), {
    baseUrl: 'http://127.0.0.1:8000/v1',
    apiStyle: 'responses',
    remoteModel: 'meta/llama',
    bearerToken: 'tok',
  });
  assert.equal(resolveSelfHostedModel(config, 'unknown', {}), undefined);
  assert.equal(resolveSelfHostedModel(config, 'constructor', {}), undefined);
});
