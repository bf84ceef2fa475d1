import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LlmError } from '@rkat/core';
import { requireApiKey, resolveApiKey, resolveBaseUrl } from '../src/credentials.js';

void test('RKAT_ keys win over the plain names', () => {
  const env = { RKAT_ANTHROPIC_API_KEY: 'rkat', ANTHROPIC_API_KEY: 'plain' };
  assert.equal(resolveApiKey('anthropic', env), 'rkat');
  assert.equal(resolveApiKey('anthropic', { ANTHROPIC_API_KEY: 'plain' }), 'plain');
  assert.equal(resolveApiKey('openai', { RKAT_OPENAI_API_KEY: 'a', OPENAI_API_KEY: 'b' }), 'a');
  assert.equal(resolveApiKey('openai', { OPENAI_API_KEY: 'b' }), 'b');
});

void test('gemini key precedence: RKAT_GEMINI > GEMINI > RKAT_GOOGLE > GOOGLE', () => {
  const all = {
    RKAT_GEMINI_API_KEY: '1',
    GEMINI_API_KEY: '2',
    RKAT_GOOGLE_API_KEY: '3',
    GOOGLE_API_KEY: '4',
  };
  assert.equal(resolveApiKey('gemini', all), '1');
  assert.equal(resolveApiKey('gemini', { ...all, RKAT_GEMINI_API_KEY: undefined }), '2');
  assert.equal(resolveApiKey('gemini', { RKAT_GOOGLE_API_KEY: '3', GOOGLE_API_KEY: '4' }), '3');
  assert.equal(resolveApiKey('gemini', { GOOGLE_API_KEY: '4' }), '4');
});

void test('self-hosted reads RKAT_SELF_HOSTED_API_KEY; empty values count as unset', () => {
  assert.equal(resolveApiKey('self_hosted', { RKAT_SELF_HOSTED_API_KEY: 'tok' }), 'tok');
  assert.equal(resolveApiKey('anthropic', { RKAT_ANTHROPIC_API_KEY: '', ANTHROPIC_API_KEY: 'x' }), 'x');
  assert.equal(resolveApiKey('anthropic', { ANTHROPIC_API_KEY: '  ' }), undefined);
});

void test('a missing key is missing_credentials naming the variable to set', () => {
  assert.throws(
    () => requireApiKey('anthropic', {}),
    (error: unknown) =>
      error instanceof LlmError &&
      error.kind === 'missing_credentials' &&
      !error.retryable &&
      error.message === 'missing API key for anthropic: set ANTHROPIC_API_KEY (or RKAT_ANTHROPIC_API_KEY)',
  );
  assert.throws(
    () => requireApiKey('gemini', {}),
    /set GEMINI_API_KEY \(or RKAT_GEMINI_API_KEY, RKAT_GOOGLE_API_KEY, GOOGLE_API_KEY\)/,
  );
  assert.throws(() => requireApiKey('openai', {}), /set OPENAI_API_KEY \(or RKAT_OPENAI_API_KEY\)/);
});

void test('base URLs: RKAT_X_BASE_URL before X_BASE_URL before the default, without trailing slash', () => {
  assert.equal(resolveBaseUrl('anthropic', {}), 'https://api.anthropic.com');
  assert.equal(resolveBaseUrl('openai', {}), 'https://api.openai.com/v1');
  assert.equal(resolveBaseUrl('gemini', {}), 'https://generativelanguage.googleapis.com');
  assert.equal(resolveBaseUrl('openai', { OPENAI_BASE_URL: 'http://x/v1/' }), 'http://x/v1');
  assert.equal(
    resolveBaseUrl('gemini', { RKAT_GEMINI_BASE_URL: 'http://a', GEMINI_BASE_URL: 'http://b' }),
    'http://a',
  );
  assert.equal(resolveBaseUrl('anthropic', { ANTHROPIC_BASE_URL: 'http://c' }), 'http://c');
});
