import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import { StoreError, type SessionStore, type StoreErrorCode } from '@rkat/core';
import {
  assistantText,
  runSessionStoreConformance,
  sampleInput,
  sampleRecord,
  userMessage,
  zeroUsage,
} from '@rkat/testing/conformance';
import {
  failingSessionStore,
  injectWriteFault,
  MemorySessionStore,
  openSqliteSessionStore,
  parseWriteFault,
} from '../../src/index.js';
import { makeTempDir } from '../support/temp-dir.js';

const TIMEOUT = { timeout: 10_000 };

// Armed for a write that never comes, the wrapper must be an exact stand-in for the store it wraps.
runSessionStoreConformance('failing wrapper, never fired', async () => ({
  store: failingSessionStore(new MemorySessionStore(), {
    target: 'any',
    nth: Number.MAX_SAFE_INTEGER,
    last: Number.MAX_SAFE_INTEGER,
    kind: 'io',
  }),
  cleanup: async () => {},
}));

async function rejectsWith(promise: Promise<unknown>, code: StoreErrorCode, cause: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof StoreError, String(error));
    assert.equal(error.code, code);
    assert.match(String((error.cause as Error).message), cause);
    return true;
  });
}

const boundary = (expectedMessageCount: number, text: string) => ({
  sessionId: 's1',
  expectedMessageCount,
  messages: [userMessage(`q ${text}`), assistantText(text)],
  usageDelta: zeroUsage(),
  updatedAtMs: 10 + expectedMessageCount,
});

void it(
  'R29 disk-full: the nth write of one operation fails typed, writes nothing, and the next succeeds',
  TIMEOUT,
  async () => {
    const inner = new MemorySessionStore();
    const store = failingSessionStore(inner, parseWriteFault('commitBoundary:2:enospc'));
    await store.createSession(sampleRecord('s1'));
    await store.commitBoundary(boundary(0, 'first'));
    const before = [await inner.getSession('s1'), await inner.readMessages('s1')];
    await rejectsWith(store.commitBoundary(boundary(2, 'second')), 'disk_full', /ENOSPC/);
    assert.deepEqual([await inner.getSession('s1'), await inner.readMessages('s1')], before);
    // Space returns: the same boundary commits, and other writes were never counted.
    await store.recordInput(sampleInput('in1', 's1', 1));
    await store.commitBoundary(boundary(2, 'second'));
    assert.equal((await store.getSession('s1'))?.messageCount, 4);
  },
);

void it('a window of writes fails, then writes succeed again', TIMEOUT, async () => {
  const store = failingSessionStore(new MemorySessionStore(), parseWriteFault('recordInput:2-3:enospc'));
  await store.createSession(sampleRecord('s1'));
  await store.recordInput(sampleInput('in1', 's1', 1));
  await rejectsWith(store.recordInput(sampleInput('in2', 's1', 2)), 'disk_full', /ENOSPC/);
  await rejectsWith(store.recordInput(sampleInput('in2', 's1', 2)), 'disk_full', /ENOSPC/);
  await store.recordInput(sampleInput('in2', 's1', 2));
  assert.deepEqual(
    (await store.pendingInputs('s1')).map((input) => input.inputId),
    ['in1', 'in2'],
  );
});

void it('`any` counts every write operation; full and io map to disk_full and io', TIMEOUT, async () => {
  const full = failingSessionStore(new MemorySessionStore(), parseWriteFault('any:2:full'));
  await full.createSession(sampleRecord('s1'));
  await rejectsWith(full.recordInput(sampleInput('in1', 's1', 1)), 'disk_full', /database or disk is full/);
  await full.recordInput(sampleInput('in1', 's1', 1));
  const io = failingSessionStore(new MemorySessionStore(), parseWriteFault('createSession:1:io'));
  await rejectsWith(io.createSession(sampleRecord('s1')), 'io', /disk I\/O error/);
  assert.equal(await io.getSession('s1'), undefined);
});

void it(
  'whatever else the inner store offers passes through, bound to the inner store',
  TIMEOUT,
  async () => {
    class WithClaims extends MemorySessionStore {
      readonly #owner = 'me';
      claim(sessionId: string): string {
        return `${sessionId}:${this.#owner}`;
      }
    }
    const wrapped = failingSessionStore(new WithClaims(), parseWriteFault('any:1:io'));
    assert.equal(wrapped.claim('s1'), 's1:me');
    assert.ok(wrapped instanceof WithClaims);
  },
);

void it('a malformed spec is refused, naming what is accepted', TIMEOUT, () => {
  for (const spec of [
    '',
    'commitBoundary:0:enospc',
    'commitBoundary:1',
    'deleteSession:1:io',
    'commit:nowhere:1:io',
    'any:1:eio',
  ]) {
    assert.throws(
      () => parseWriteFault(spec),
      /write fault must be <any\|createSession\|.*>:<n>\[-<last>\]:<enospc\|full\|io>/,
      spec,
    );
  }
  assert.deepEqual(parseWriteFault('commit:after-messages:3:full'), {
    target: 'commit:after-messages',
    nth: 3,
    last: 3,
    kind: 'full',
  });
  assert.deepEqual(parseWriteFault('any:2-4:io'), { target: 'any', nth: 2, last: 4, kind: 'io' });
  assert.throws(() => parseWriteFault('any:4-2:io'), /write fault must be/);
});

void it(
  'R29 disk-full: SQLITE_FULL at a commit point of a real SQLite store rolls the boundary back; no half-written row',
  TIMEOUT,
  async () => {
    const { dir, cleanup } = await makeTempDir();
    const path = join(dir, 'sessions.sqlite3');
    const reached: string[] = [];
    const injection = injectWriteFault('commit:after-session:2:full', (name) => reached.push(name));
    const store: SessionStore = injection.wrap(
      await openSqliteSessionStore({
        path,
        ...(injection.faultPoints ? { faultPoints: injection.faultPoints } : {}),
      }),
    );
    try {
      await store.createSession(sampleRecord('s1'));
      await store.commitBoundary(boundary(0, 'first'));
      await rejectsWith(store.commitBoundary(boundary(2, 'second')), 'disk_full', /database or disk is full/);
      assert.ok(reached.includes('commit:after-session'), 'the base hook still runs');
      const raw = new Database(path, { readonly: true });
      try {
        assert.deepEqual(raw.prepare('SELECT count(*) AS n FROM messages').get(), { n: 2 });
        assert.deepEqual(raw.prepare('SELECT message_count AS n FROM sessions').get(), { n: 2 });
      } finally {
        raw.close();
      }
      await store.commitBoundary(boundary(2, 'second'));
      assert.equal((await store.readMessages('s1')).length, 4);
    } finally {
      await store.close();
      await cleanup();
    }
  },
);
