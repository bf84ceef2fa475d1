import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanRequestId } from '../../src/transport/index.js';

void test('reads a top-level number or string id from a prefix', { timeout: 5000 }, () => {
  assert.equal(scanRequestId('{"jsonrpc":"2.0","id":42,"method":"x","params":{"a":"bbbb'), 42);
  assert.equal(scanRequestId(' { "id" : -1.5e2 , "method"'), -150);
  assert.equal(scanRequestId('{"id":"r\\"1\\u0041","params":{"blob":"aaa'), 'r"1A');
  assert.equal(scanRequestId('{"method":"x","params":{"id":1,"s":"}\\"{"},"id":"outer",'), 'outer');
  assert.equal(scanRequestId('{"list":[{"id":1},"]"],"flag":true,"n":null,"id":3}'), 3);
});

void test('no id when it is absent, cut off, nested only, or of another type', { timeout: 5000 }, () => {
  assert.equal(scanRequestId('{"method":"x","params":{"id":1,"blob":"aaaa'), undefined);
  assert.equal(scanRequestId('{"jsonrpc":"2.0","id":12'), undefined);
  assert.equal(scanRequestId('{"jsonrpc":"2.0","id":"abc'), undefined);
  assert.equal(scanRequestId('{"id":null,"method":"x"}'), undefined);
  assert.equal(scanRequestId('{"id":{"a":1},"method":"x"}'), undefined);
  assert.equal(scanRequestId('[{"id":1}]'), undefined);
  assert.equal(scanRequestId('not json at all'), undefined);
  assert.equal(scanRequestId(''), undefined);
});
