import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { BoundaryCommit, SessionStore } from '@rkat/core';
import {
  CASE_TIMEOUT,
  rejectsWithCode,
  snapshotSession,
  withStore,
  type OpenSessionStore,
} from './session-store-harness.js';
import { assistantText, sampleInput, sampleRecord, userMessage } from './session-store-samples.js';

function boundary(
  sessionId: string,
  expectedMessageCount: number,
  extra: Partial<BoundaryCommit> = {},
): BoundaryCommit {
  return {
    sessionId,
    expectedMessageCount,
    messages: [userMessage(`q${expectedMessageCount}`), assistantText(`a${expectedMessageCount}`)],
    usageDelta: { inputTokens: 10, outputTokens: 5, cacheCreationTokens: 1, cacheReadTokens: 2 },
    updatedAtMs: 10_000 + expectedMessageCount,
    ...extra,
  };
}

/** A session `s1` with two accepted inputs, `in1` (older) and `in2`, and a second session `s2` with `in3`. */
async function seed(store: SessionStore): Promise<void> {
  await store.createSession(
    sampleRecord('s1', {
      labels: { stage: 'draft' },
      pending: true,
      settings: { system_prompt: 'x' },
      usage: { inputTokens: 1, outputTokens: 2, cacheCreationTokens: 3, cacheReadTokens: 4 },
    }),
  );
  await store.createSession(sampleRecord('s2'));
  await store.recordInput(sampleInput('in1', 's1', 100));
  await store.recordInput(sampleInput('in2', 's1', 200));
  await store.recordInput(sampleInput('in3', 's2', 300));
}

/** commitBoundary: one transaction, the expectedMessageCount guard, and the input's terminal state. */
export function registerCommitCases(open: OpenSessionStore): void {
  void it(
    'commitBoundary appends, adds usage, patches metadata and finishes the input in one go',
    CASE_TIMEOUT,
    () =>
      withStore(open, async (store) => {
        await seed(store);
        const before = await store.getSession('s1');
        const commit = boundary('s1', 0, {
          lastAssistantText: 'a0',
          sessionPatch: {
            pending: false,
            labels: { stage: 'live' },
            settings: { system_prompt: 'y', max_tokens: 3 },
            model: 'gpt-5',
            provider: 'openai',
          },
          input: { inputId: 'in1', state: 'consumed' },
        });
        await store.commitBoundary(commit);
        assert.deepEqual(await store.getSession('s1'), {
          ...before,
          ...commit.sessionPatch,
          updatedAtMs: commit.updatedAtMs,
          messageCount: 2,
          lastAssistantText: 'a0',
          usage: { inputTokens: 11, outputTokens: 7, cacheCreationTokens: 4, cacheReadTokens: 6 },
        });
        assert.deepEqual(await store.readMessages('s1'), commit.messages);
        assert.deepEqual(await store.pendingInputs('s1'), [sampleInput('in2', 's1', 200)]);
        assert.deepEqual(await store.listSessions({ labels: { stage: 'draft' } }), []);
        assert.equal((await store.listSessions({ labels: { stage: 'live' } }))[0]?.sessionId, 's1');
      }),
  );

  void it(
    'consecutive boundaries continue the transcript and keep the last assistant text',
    CASE_TIMEOUT,
    () =>
      withStore(open, async (store) => {
        await seed(store);
        const first = boundary('s1', 0, { lastAssistantText: 'a0' });
        const second = boundary('s1', 2, { messages: [userMessage('q2')] });
        const third = boundary('s1', 3, { messages: [], input: { inputId: 'in2', state: 'abandoned' } });
        await store.commitBoundary(first);
        await store.commitBoundary(second);
        await store.commitBoundary(third);
        const record = await store.getSession('s1');
        assert.equal(record?.messageCount, 3);
        assert.equal(record?.lastAssistantText, 'a0');
        assert.equal(record?.updatedAtMs, third.updatedAtMs);
        assert.deepEqual(record?.usage, {
          inputTokens: 31,
          outputTokens: 17,
          cacheCreationTokens: 6,
          cacheReadTokens: 10,
        });
        assert.deepEqual(await store.readMessages('s1'), [...first.messages, ...second.messages]);
        assert.deepEqual(await store.pendingInputs('s1'), [sampleInput('in1', 's1', 100)]);
      }),
  );

  void it('a stale expectedMessageCount fails with conflict and writes nothing', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await seed(store);
      await store.commitBoundary(boundary('s1', 0));
      const before = await snapshotSession(store, 's1');
      const everything: Partial<BoundaryCommit> = {
        lastAssistantText: 'nope',
        sessionPatch: { pending: false, labels: { stage: 'x' }, model: 'm' },
        input: { inputId: 'in1', state: 'consumed' },
      };
      await rejectsWithCode(store.commitBoundary(boundary('s1', 0, everything)), 'conflict');
      await rejectsWithCode(store.commitBoundary(boundary('s1', 1, everything)), 'conflict');
      await rejectsWithCode(store.commitBoundary(boundary('s1', 3, everything)), 'conflict');
      assert.deepEqual(await snapshotSession(store, 's1'), before);
      assert.deepEqual(await store.listSessions({ labels: { stage: 'x' } }), []);
      await store.commitBoundary(boundary('s1', 2));
      assert.equal((await store.getSession('s1'))?.messageCount, 4);
    }),
  );

  void it('commitBoundary of an unknown session fails with not_found', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await rejectsWithCode(store.commitBoundary(boundary('nope', 0)), 'not_found');
      assert.equal(await store.getSession('nope'), undefined);
    }),
  );

  void it(
    'an unknown input, or one of another session, fails the whole boundary with not_found',
    CASE_TIMEOUT,
    () =>
      withStore(open, async (store) => {
        await seed(store);
        const before = await snapshotSession(store, 's1');
        const other = await snapshotSession(store, 's2');
        await rejectsWithCode(
          store.commitBoundary(boundary('s1', 0, { input: { inputId: 'missing', state: 'consumed' } })),
          'not_found',
        );
        await rejectsWithCode(
          store.commitBoundary(boundary('s1', 0, { input: { inputId: 'in3', state: 'consumed' } })),
          'not_found',
        );
        assert.deepEqual(await snapshotSession(store, 's1'), before);
        assert.deepEqual(await snapshotSession(store, 's2'), other);
      }),
  );

  void it('finishing an input twice is a conflict and writes nothing', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await seed(store);
      await store.commitBoundary(boundary('s1', 0, { input: { inputId: 'in1', state: 'consumed' } }));
      const before = await snapshotSession(store, 's1');
      await rejectsWithCode(
        store.commitBoundary(boundary('s1', 2, { input: { inputId: 'in1', state: 'abandoned' } })),
        'conflict',
      );
      assert.deepEqual(await snapshotSession(store, 's1'), before);
    }),
  );

  void it('a boundary with no messages still records usage, metadata and the input', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await seed(store);
      await store.commitBoundary(
        boundary('s1', 0, {
          messages: [],
          sessionPatch: { pending: false },
          input: { inputId: 'in2', state: 'abandoned' },
        }),
      );
      const record = await store.getSession('s1');
      assert.equal(record?.messageCount, 0);
      assert.equal(record?.pending, false);
      assert.equal(record?.usage.inputTokens, 11);
      assert.deepEqual(await store.pendingInputs('s1'), [sampleInput('in1', 's1', 100)]);
    }),
  );
}
