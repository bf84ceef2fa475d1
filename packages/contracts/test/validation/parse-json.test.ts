import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../src/index.js';

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
