import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addUsage, emptyUsage, toWireUsage, totalTokens } from '../../src/usage/usage.js';

void test('usage adds counters and keeps unknown cache counters null only when both are unknown', () => {
  const known = { input_tokens: 10, output_tokens: 2, cache_creation_tokens: 3, cache_read_tokens: null };
  const sum = addUsage(addUsage(emptyUsage(), known), known);
  assert.deepEqual(sum, {
    input_tokens: 20,
    output_tokens: 4,
    cache_creation_tokens: 6,
    cache_read_tokens: null,
  });
  assert.equal(totalTokens(sum), 24);
});

void test('the wire form adds total_tokens and omits unknown cache counters', () => {
  assert.deepEqual(
    toWireUsage({ input_tokens: 7, output_tokens: 3, cache_creation_tokens: null, cache_read_tokens: 4 }),
    { input_tokens: 7, output_tokens: 3, total_tokens: 10, cache_read_tokens: 4 },
  );
});
