import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TOOL_TIMEOUT_MS } from '@rkat/core';
import { RuntimeError, parseRealmConfigToml } from '../../src/index.js';

const isInvalidConfig = (pattern: RegExp) => (error: unknown) =>
  RuntimeError.is(error, 'INVALID_CONFIG') && pattern.test((error as Error).message);

void test('retry.stream_idle_timeout sets the stall watchdog; absent, the core default applies', () => {
  assert.equal(parseRealmConfigToml('').retry.streamIdleTimeoutMs, undefined);
  const config = parseRealmConfigToml('[retry]\nstream_idle_timeout = "250ms"');
  assert.equal(config.retry.streamIdleTimeoutMs, 250);
  assert.equal(
    config.raw.retry && (config.raw.retry as Record<string, unknown>).stream_idle_timeout,
    '250ms',
  );
  assert.throws(
    () => parseRealmConfigToml('[retry]\nstream_idle_timeout = 0'),
    isInvalidConfig(/retry.stream_idle_timeout must be greater than 0 when set/),
  );
  assert.throws(
    () => parseRealmConfigToml('[retry]\nstream_idle_timeout = "later"'),
    isInvalidConfig(/retry.stream_idle_timeout/),
  );
});

void test('[tools] default_timeout and tool_timeouts are parsed to milliseconds', () => {
  assert.deepEqual(parseRealmConfigToml('').tools, {
    defaultTimeoutMs: DEFAULT_TOOL_TIMEOUT_MS,
    timeoutsMs: {},
  });
  const config = parseRealmConfigToml(
    '[tools]\ndefault_timeout = "2m"\n[tools.tool_timeouts]\nslow_lookup = "1s 500ms"\nfast = 40',
  );
  assert.deepEqual(config.tools, { defaultTimeoutMs: 120_000, timeoutsMs: { slow_lookup: 1_500, fast: 40 } });
  assert.throws(
    () => parseRealmConfigToml('[tools.tool_timeouts]\nslow_lookup = "whenever"'),
    isInvalidConfig(/tools.tool_timeouts.slow_lookup/),
  );
  assert.throws(
    () => parseRealmConfigToml('[tools.tool_timeouts]\nnow = 0'),
    isInvalidConfig(/tools.tool_timeouts.now must be greater than 0/),
  );
});
