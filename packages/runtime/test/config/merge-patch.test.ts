import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RuntimeError,
  applyMergePatch,
  parseConfigPatchParams,
  parseConfigSetParams,
} from '../../src/index.js';

const payloadError = (pattern: RegExp) => (error: unknown) =>
  RuntimeError.is(error, 'INVALID_CONFIG') && pattern.test(error.message);

void test('RFC 7396: objects merge recursively, null deletes, others replace', () => {
  const target = { a: 'b', c: { d: 'e', f: 'g' }, list: [1, 2], keep: true };
  const patch = { a: 'z', c: { f: null, h: 1 }, list: [3], added: { x: null, y: 2 } };
  assert.deepEqual(applyMergePatch(target, patch), {
    a: 'z',
    c: { d: 'e', h: 1 },
    list: [3],
    keep: true,
    added: { y: 2 },
  });
  assert.deepEqual(target, { a: 'b', c: { d: 'e', f: 'g' }, list: [1, 2], keep: true }, 'input untouched');
});

void test('RFC 7396 appendix cases', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [target, patch, expected] of cases) {
    assert.deepEqual(applyMergePatch(target, patch), expected, JSON.stringify({ target, patch }));
  }
});

void test('a patch cannot pollute prototypes', () => {
  const patch = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"x": 1}, "ok": 1}') as unknown;
  const result = applyMergePatch({}, patch) as Record<string, unknown>;
  assert.deepEqual(Object.keys(result), ['ok']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

void test('set and patch params: wrapped, bare, null means absent', () => {
  assert.deepEqual(parseConfigSetParams({ config: { max_tokens: 5 }, expected_generation: 2 }), {
    config: { max_tokens: 5 },
    expectedGeneration: 2,
  });
  assert.deepEqual(parseConfigSetParams({ max_tokens: 5, agent: { model: null } }), {
    config: { max_tokens: 5, agent: {} },
  });
  assert.deepEqual(parseConfigSetParams({ config: { a: 1 }, expected_generation: null }), {
    config: { a: 1 },
  });
  assert.deepEqual(parseConfigPatchParams({ patch: { a: null }, expected_generation: 0 }), {
    patch: { a: null },
    expectedGeneration: 0,
  });
  assert.deepEqual(parseConfigPatchParams({ agent: { model: 'x' } }), { patch: { agent: { model: 'x' } } });
  assert.deepEqual(parseConfigPatchParams(undefined), { patch: {} });
  const bad: unknown[] = [
    { config: 'x' },
    { config: {}, expected_generation: -1 },
    { config: {}, expected_generation: 1.5 },
    7,
  ];
  for (const params of bad) {
    assert.throws(
      () => parseConfigSetParams(params),
      payloadError(/^Failed to parse config payload: /),
      JSON.stringify(params),
    );
  }
  assert.throws(
    () => parseConfigPatchParams({ patch: {}, expected_generation: '1' }),
    payloadError(/^Failed to parse config payload: expected_generation/),
  );
});
