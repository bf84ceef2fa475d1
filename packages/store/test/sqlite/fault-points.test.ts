import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import { StoreError, type BoundaryCommit, type SessionStore, type StoreErrorCode } from '@rkat/core';
import { assistantText, sampleInput, sampleRecord, userMessage } from '@rkat/testing/conformance';
import { COMMIT_FAULT_POINTS, openSqliteSessionStore, type CommitFaultPoint } from '../../src/index.js';
import { makeTempDir } from '../support/temp-dir.js';

const TIMEOUT = { timeout: 10_000 };

/** The second boundary of session `s1`: two messages, usage, a patch and the input `in2`. */
const secondBoundary: BoundaryCommit = {
  sessionId: 's1',
  expectedMessageCount: 2,
  messages: [userMessage('q2'), assistantText('a2')],
  usageDelta: { inputTokens: 7, outputTokens: 3, cacheCreationTokens: 0, cacheReadTokens: 1 },
  updatedAtMs: 2_000,
  lastAssistantText: 'a2',
  sessionPatch: { labels: { stage: 'second' }, pending: false },
  input: { inputId: 'in2', state: 'consumed' },
};

/** Opens a store whose fault hook calls `fault` while armed; seeds `s1` with one committed boundary. */
async function withFaultyStore(
  fault: (name: CommitFaultPoint) => void,
  body: (store: SessionStore, arm: (armed: boolean) => void, path: string) => Promise<void>,
): Promise<void> {
  const { dir, cleanup } = await makeTempDir();
  const path = join(dir, 'sessions.sqlite3');
  let armed = false;
  const store = await openSqliteSessionStore({
    path,
    faultPoints: (name) => (armed ? fault(name) : undefined),
  });
  try {
    await store.createSession(sampleRecord('s1', { labels: { stage: 'first' }, pending: true }));
    await store.recordInput(sampleInput('in1', 's1', 1));
    await store.recordInput(sampleInput('in2', 's1', 2));
    await store.commitBoundary({
      sessionId: 's1',
      expectedMessageCount: 0,
      messages: [userMessage('q1'), assistantText('a1')],
      usageDelta: { inputTokens: 5, outputTokens: 2, cacheCreationTokens: 0, cacheReadTokens: 0 },
      updatedAtMs: 1_000,
      lastAssistantText: 'a1',
      input: { inputId: 'in1', state: 'consumed' },
    });
    await body(store, (value) => (armed = value), path);
  } finally {
    await store.close();
    await cleanup();
  }
}

async function snapshot(store: SessionStore): Promise<unknown> {
  return {
    record: await store.getSession('s1'),
    messages: await store.readMessages('s1'),
    pending: await store.pendingInputs('s1'),
    byLabel: await store.listSessions({ labels: { stage: 'second' } }),
  };
}

/** Fails the armed commit at `point` with `error`, checks the code and that nothing was written. */
async function failsWholly(point: CommitFaultPoint, error: unknown, code: StoreErrorCode): Promise<void> {
  await withFaultyStore(
    (name) => {
      if (name === point) throw error;
    },
    async (store, arm, path) => {
      const before = await snapshot(store);
      arm(true);
      await assert.rejects(store.commitBoundary(secondBoundary), (thrown: unknown) => {
        assert.ok(thrown instanceof StoreError, String(thrown));
        assert.equal(thrown.code, code, `${point}: ${thrown.message}`);
        if (!(error instanceof StoreError)) assert.equal(thrown.cause, error);
        return true;
      });
      assert.deepEqual(await snapshot(store), before, point);
      // Another connection sees the same: no half-written rows were left in the file.
      const raw = new Database(path, { readonly: true });
      try {
        assert.deepEqual(raw.prepare('SELECT count(*) AS n FROM messages').get(), { n: 2 }, point);
      } finally {
        raw.close();
      }
      // Once the fault is gone, the same boundary commits.
      arm(false);
      await store.commitBoundary(secondBoundary);
      assert.equal((await store.getSession('s1'))?.messageCount, 4);
      assert.deepEqual(await store.pendingInputs('s1'), []);
    },
  );
}

void it('commitBoundary reaches every fault point, in order', TIMEOUT, async () => {
  const reached: string[] = [];
  await withFaultyStore(
    (name) => reached.push(name),
    async (store, arm) => {
      arm(true);
      await store.commitBoundary(secondBoundary);
    },
  );
  assert.deepEqual(reached, [...COMMIT_FAULT_POINTS]);
});

void it('a throw at any fault point rolls the whole boundary back', TIMEOUT, async () => {
  for (const point of COMMIT_FAULT_POINTS) {
    await failsWholly(point, new Error(`injected at ${point}`), 'io');
  }
});

void it(
  'R29 disk-full: SQLITE_FULL and ENOSPC during a commit fail with disk_full and keep the last commit',
  TIMEOUT,
  async () => {
    const full = new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    await failsWholly('commit:after-messages', full, 'disk_full');
    await failsWholly('commit:before-commit', enospc, 'disk_full');
  },
);

void it('a StoreError thrown at a fault point keeps its code', TIMEOUT, async () => {
  await failsWholly('commit:after-session', new StoreError('io', 'injected'), 'io');
});
