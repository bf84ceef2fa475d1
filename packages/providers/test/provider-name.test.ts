import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProviderName } from '../src/provider-name.js';

void test('provider names parse, open_a_i is an alias of openai, others are rejected', () => {
  for (const name of ['anthropic', 'openai', 'gemini', 'self_hosted'])
    assert.equal(parseProviderName(name), name);
  assert.equal(parseProviderName('open_a_i'), 'openai');
  assert.equal(parseProviderName('OpenAI'), undefined);
  assert.equal(parseProviderName('mistral'), undefined);
  assert.equal(parseProviderName(''), undefined);
});
