import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CASE_TIMEOUT, rejectsWithCode, withStore, type OpenSessionStore } from './session-store-harness.js';
import { sampleInput, sampleRecord } from './session-store-samples.js';

/** recordInput and pendingInputs. */
export function registerInputCases(open: OpenSessionStore): void {
  void it('pendingInputs returns accepted inputs oldest first, content intact', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await store.createSession(sampleRecord('s1'));
      const late = sampleInput('late', 's1', 300);
      const early = sampleInput('early', 's1', 100, {
        content: [
          { type: 'text', text: 'see image' },
          { type: 'image', media_type: 'image/png', source: 'blob', blob_id: `sha256:${'cd'.repeat(32)}` },
        ],
      });
      const middle = sampleInput('middle', 's1', 200);
      const tie = sampleInput('tie', 's1', 100);
      for (const input of [late, early, middle, tie]) await store.recordInput(input);
      assert.deepEqual(await store.pendingInputs('s1'), [early, tie, middle, late]);
    }),
  );

  void it('inputs in a terminal state are not pending', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await store.createSession(sampleRecord('s1'));
      await store.recordInput(sampleInput('done', 's1', 1, { state: 'consumed' }));
      await store.recordInput(sampleInput('dropped', 's1', 2, { state: 'abandoned' }));
      await store.recordInput(sampleInput('open', 's1', 3));
      assert.deepEqual(await store.pendingInputs('s1'), [sampleInput('open', 's1', 3)]);
    }),
  );

  void it('pendingInputs is per session', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await store.createSession(sampleRecord('s1'));
      await store.createSession(sampleRecord('s2'));
      await store.recordInput(sampleInput('a', 's1', 1));
      await store.recordInput(sampleInput('b', 's2', 2));
      assert.deepEqual(await store.pendingInputs('s1'), [sampleInput('a', 's1', 1)]);
      assert.deepEqual(await store.pendingInputs('s2'), [sampleInput('b', 's2', 2)]);
    }),
  );

  void it('inputs of an unknown session fail with not_found', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await rejectsWithCode(store.recordInput(sampleInput('a', 'nope', 1)), 'not_found');
      await rejectsWithCode(store.pendingInputs('nope'), 'not_found');
    }),
  );

  void it('recording an inputId twice is a conflict and keeps the first', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await store.createSession(sampleRecord('s1'));
      await store.createSession(sampleRecord('s2'));
      await store.recordInput(sampleInput('a', 's1', 1));
      await rejectsWithCode(store.recordInput(sampleInput('a', 's1', 2, { content: 'other' })), 'conflict');
      await rejectsWithCode(store.recordInput(sampleInput('a', 's2', 3)), 'conflict');
      assert.deepEqual(await store.pendingInputs('s1'), [sampleInput('a', 's1', 1)]);
      assert.deepEqual(await store.pendingInputs('s2'), []);
    }),
  );
}
