import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH, parseJson } from '../../src/index.js';

void test('parses ordinary JSON', () => {
  assert.deepEqual(parseJson('{"a":[1,"x",null,true]}'), { ok: true, value: { a: [1, 'x', null, true] } });
  assert.deepEqual(parseJson('3'), { ok: true, value: 3 });
});

void test('drops __proto__, constructor and prototype keys at every depth', () => {
  const text = '{"__proto__":{"polluted":1},"a":{"constructor":{"prototype":{"x":1}},"prototype":2,"b":3}}';
  const result = parseJson(text);
  assert.equal(result.ok, true);
  if (!result.ok) return;
  const value = result.value as Record<string, unknown>;
  assert.deepEqual(Object.keys(value), ['a']);
  assert.deepEqual(value.a, { b: 3 });
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.equal(({} as { polluted?: unknown }).polluted, undefined);
});

void test('never throws: bad text becomes an error result', () => {
  for (const text of ['', '{', 'undefined', "{'a':1}", '[1,]', '\u0000', '{"a":1}}']) {
    const result = parseJson(text);
    assert.equal(result.ok, false, JSON.stringify(text));
    if (!result.ok) assert.ok(result.error.length > 0);
  }
  const notText = parseJson(undefined as unknown as string);
  assert.equal(notText.ok, false);
});

void test('deep nesting: accepted up to the limit, refused past it, never a stack overflow', () => {
  const nested = (depth: number, open = '[', close = ']'): string =>
    `${open.repeat(depth)}${close.repeat(depth)}`;
  assert.equal(parseJson(nested(MAX_JSON_DEPTH)).ok, true);
  const objects = `${'{"a":'.repeat(MAX_JSON_DEPTH - 1)}{"__proto__":{"polluted":1}}${'}'.repeat(MAX_JSON_DEPTH - 1)}`;
  const parsed = parseJson(objects);
  assert.equal(parsed.ok, true);
  assert.ok(
    parsed.ok && !JSON.stringify(parsed.value).includes('polluted'),
    'inert keys go at the deepest level',
  );
  for (const depth of [MAX_JSON_DEPTH + 1, 10_000, 1_000_000]) {
    assert.deepEqual(parseJson(`{"id":1,"deep":${nested(depth)}}`), {
      ok: false,
      error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
      tooDeep: true,
    });
  }
  assert.equal(parseJson('[[[1]]]', 2).ok, false);
  assert.equal(parseJson('[[1]]', 2).ok, true);
  assert.equal(({} as { polluted?: unknown }).polluted, undefined);
});
