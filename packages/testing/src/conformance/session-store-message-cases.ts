import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { SessionMessage } from '@rkat/contracts';
import {
  CASE_TIMEOUT,
  rejectsWithCode,
  snapshotSession,
  withStore,
  type OpenSessionStore,
} from './session-store-harness.js';
import {
  assistantText,
  everyMessageVariant,
  sampleRecord,
  userMessage,
  zeroUsage,
} from './session-store-samples.js';

/** Transcript messages: every variant round-trips, pages, and bad messages are refused. */
export function registerMessageCases(open: OpenSessionStore): void {
  void it('every SessionMessage variant round-trips through createSession', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      const messages = everyMessageVariant();
      await store.createSession(sampleRecord('s1', { messageCount: messages.length }), messages);
      assert.deepEqual(await store.readMessages('s1'), everyMessageVariant());
      assert.equal((await store.getSession('s1'))?.messageCount, messages.length);
    }),
  );

  void it('every SessionMessage variant round-trips through commitBoundary', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await store.createSession(sampleRecord('s1'));
      const messages = everyMessageVariant();
      await store.commitBoundary({
        sessionId: 's1',
        expectedMessageCount: 0,
        messages,
        usageDelta: zeroUsage(),
        updatedAtMs: 5,
      });
      assert.deepEqual(await store.readMessages('s1'), everyMessageVariant());
    }),
  );

  void it('readMessages pages by offset and limit, oldest first', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      const messages: SessionMessage[] = [];
      for (let index = 0; index < 3; index += 1) {
        messages.push(
          userMessage(`question ${index}`, index * 2),
          assistantText(`answer ${index}`, index * 2 + 1),
        );
      }
      await store.createSession(sampleRecord('s1', { messageCount: 6 }), messages);
      assert.deepEqual(await store.readMessages('s1'), messages);
      assert.deepEqual(await store.readMessages('s1', { offset: 0 }), messages);
      assert.deepEqual(await store.readMessages('s1', { offset: 0, limit: 2 }), messages.slice(0, 2));
      assert.deepEqual(await store.readMessages('s1', { offset: 2, limit: 2 }), messages.slice(2, 4));
      assert.deepEqual(await store.readMessages('s1', { offset: 4 }), messages.slice(4));
      assert.deepEqual(await store.readMessages('s1', { offset: 5, limit: 10 }), messages.slice(5));
      assert.deepEqual(await store.readMessages('s1', { offset: 6 }), []);
      assert.deepEqual(await store.readMessages('s1', { offset: 1, limit: 0 }), []);
    }),
  );

  void it(
    'readMessages of an unknown session fails with not_found; an empty session has none',
    CASE_TIMEOUT,
    () =>
      withStore(open, async (store) => {
        await rejectsWithCode(store.readMessages('nope'), 'not_found');
        await store.createSession(sampleRecord('empty'));
        assert.deepEqual(await store.readMessages('empty'), []);
      }),
  );

  void it('a message that breaks the contract is refused and nothing is written', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await store.createSession(sampleRecord('s1', { messageCount: 1 }), [userMessage('hi')]);
      const before = await snapshotSession(store, 's1');
      const bad = { role: 'alien', content: 'x', created_at: 'now' } as unknown as SessionMessage;
      await rejectsWithCode(
        store.commitBoundary({
          sessionId: 's1',
          expectedMessageCount: 1,
          messages: [assistantText('fine'), bad],
          usageDelta: { inputTokens: 1, outputTokens: 1, cacheCreationTokens: 0, cacheReadTokens: 0 },
          updatedAtMs: 99,
        }),
        'corrupt',
      );
      await rejectsWithCode(store.createSession(sampleRecord('s2', { messageCount: 1 }), [bad]), 'corrupt');
      assert.deepEqual(await snapshotSession(store, 's1'), before);
      assert.equal(await store.getSession('s2'), undefined);
    }),
  );
}
