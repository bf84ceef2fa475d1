import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uuidv7 } from '../../src/index.js';

void test('uuidv7 encodes the time, the version and the variant', { timeout: 30_000 }, () => {
  const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
  const id = uuidv7(at);
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(parseInt(id.replace(/-/g, '').slice(0, 12), 16), at);
  assert.notEqual(uuidv7(at), id);
});
