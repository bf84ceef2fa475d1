import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveHookEntry } from '../../src/hooks/hook-entries.js';

void test('entry defaults follow the original, and both runtime forms are read', { timeout: 10_000 }, () => {
  assert.deepEqual(resolveHookEntry({ runtime: { kind: 'in_process', config: { name: 'x' } } }), {
    id: 'hook',
    enabled: true,
    point: 'turn_boundary',
    mode: 'foreground',
    capability: 'observe',
    priority: 100,
    failurePolicy: 'fail_open',
    timeoutMs: undefined,
    runtime: { kind: 'in_process', name: 'x' },
  });
  // The original's serde form `{type, ...fields}` (the schema allows the extra keys).
  const original = { type: 'http', url: 'https://hooks.example/check', headers: { 'x-key': 'k' } } as const;
  const legacy = resolveHookEntry({ id: 'g', capability: 'guardrail', runtime: original });
  assert.equal(legacy.failurePolicy, 'fail_closed');
  assert.deepEqual(legacy.runtime, {
    kind: 'http',
    url: 'https://hooks.example/check',
    method: 'POST',
    headers: { 'x-key': 'k' },
  });
  const cmd = resolveHookEntry({
    id: 'c',
    runtime: { kind: 'command', config: { command: 'hook', args: ['a'] } },
  });
  assert.deepEqual(cmd.runtime, { kind: 'command', command: 'hook', args: ['a'], env: {} });
});

void test('invalid entries are refused with the original wording', { timeout: 10_000 }, () => {
  const http = { kind: 'http', config: { url: 'https://x.example' } } as const;
  assert.throws(() => resolveHookEntry({ id: ' ', runtime: http }), /hook id cannot be empty/);
  assert.throws(
    () =>
      resolveHookEntry({
        id: 'b',
        mode: 'background',
        point: 'post_llm_response',
        capability: 'guardrail',
        runtime: http,
      }),
    /background hooks must use fail_open policy: b/,
  );
  assert.throws(() => resolveHookEntry({ id: 'n' }), /hook 'n': runtime is required/);
  assert.throws(
    () =>
      resolveHookEntry({ id: 'e', runtime: { kind: 'command', config: { command: 'x', env: { A: 1 } } } }),
    /command env must map names to strings/,
  );
});
