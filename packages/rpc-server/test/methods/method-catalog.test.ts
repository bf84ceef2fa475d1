import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advertisedMethods } from '../../src/methods/method-catalog.js';

void test('methods: initialized first, then catalog order; unknown served names last', () => {
  assert.deepEqual(
    advertisedMethods([
      'tools/register',
      'blob/get',
      'mob/list',
      'mob/create',
      'session/stream_open',
      'initialize',
      'turn/start',
      'initialized',
    ]),
    [
      'initialized',
      'initialize',
      'turn/start',
      'blob/get',
      'session/stream_open',
      'mob/list',
      'mob/create',
      'tools/register',
    ],
  );
  assert.deepEqual(advertisedMethods([]), ['initialized']);
});
