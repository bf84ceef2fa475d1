import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDurationMs } from '../../src/index.js';

void test('parses humantime strings and integer milliseconds', () => {
  assert.equal(parseDurationMs('500ms'), 500);
  assert.equal(parseDurationMs('30s'), 30_000);
  assert.equal(parseDurationMs('5m'), 300_000);
  assert.equal(parseDurationMs('1h 30m'), 5_400_000);
  assert.equal(parseDurationMs('2days'), 172_800_000);
  assert.equal(parseDurationMs(1500), 1500);
});

void test('rejects malformed durations', () => {
  for (const bad of ['', 'soon', '5 parsecs', '1.5s', '-3s']) {
    assert.throws(() => parseDurationMs(bad), Error, bad);
  }
  assert.throws(() => parseDurationMs(-1));
  assert.throws(() => parseDurationMs(1.5));
});
