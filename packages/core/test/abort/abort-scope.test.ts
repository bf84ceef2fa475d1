import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAbortScope } from '../../src/abort/abort-scope.js';

void test('a scope aborts with any parent and on its own, but not its parents', () => {
  const parent = new AbortController();
  const scope = createAbortScope(parent.signal, undefined);
  const child = createAbortScope(scope.signal);
  assert.equal(scope.signal.aborted, false);
  child.abort(new Error('child only'));
  assert.equal(child.signal.aborted, true);
  assert.equal(scope.signal.aborted, false);
  parent.abort(new Error('parent'));
  assert.equal(scope.signal.aborted, true);
  assert.equal((scope.signal.reason as Error).message, 'parent');
  const lonely = createAbortScope();
  lonely.abort('first');
  lonely.abort('second');
  assert.equal(lonely.signal.reason, 'first');
});
