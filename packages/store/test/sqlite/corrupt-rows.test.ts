import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import { StoreError } from '@rkat/core';
import { assistantText, sampleInput, sampleRecord, userMessage } from '@rkat/testing/conformance';
import { openSqliteSessionStore, type SqliteSessionStore } from '../../src/index.js';
import { makeTempDir } from '../support/temp-dir.js';

const TIMEOUT = { timeout: 10_000 };

interface Setup {
  store: SqliteSessionStore;
  /** A second, raw connection to the same file, for writing rows the store would never write. */
  raw: Database.Database;
  reported: StoreError[];
}

/** Three sessions (`s1` newest … `s3` oldest), each with two messages and one pending input. */
async function withCorruptible(body: (setup: Setup) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await makeTempDir();
  const reported: StoreError[] = [];
  const store = await openSqliteSessionStore({
    path: join(dir, 'sessions.sqlite3'),
    onCorruptRow: (error) => reported.push(error),
  });
  const raw = new Database(join(dir, 'sessions.sqlite3'));
  try {
    for (const [index, sessionId] of ['s1', 's2', 's3'].entries()) {
      const messages = [userMessage(`q ${sessionId}`), assistantText(`a ${sessionId}`)];
      await store.createSession(
        sampleRecord(sessionId, { updatedAtMs: 100 - index, messageCount: 2 }),
        messages,
      );
      await store.recordInput(sampleInput(`in-${sessionId}`, sessionId, index));
    }
    await body({ store, raw, reported });
  } finally {
    raw.close();
    await store.close();
    await cleanup();
  }
}

async function rejectsCorrupt(promise: Promise<unknown>, naming: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof StoreError, String(error));
    assert.equal(error.code, 'corrupt');
    assert.ok(error.message.startsWith(naming), `"${error.message}" should start with "${naming}"`);
    return true;
  });
}

void it(
  'R30 corrupt-row-isolation: a message row with bad JSON fails only the reads that include it',
  TIMEOUT,
  async () => {
    await withCorruptible(async ({ store, raw }) => {
      raw
        .prepare(
          'UPDATE messages SET body_json = \'{"role": "user", "content": \' WHERE session_id = \'s2\' AND idx = 1',
        )
        .run();
      await rejectsCorrupt(store.readMessages('s2'), 'session s2 message 1: invalid JSON');
      await rejectsCorrupt(store.readMessages('s2', { offset: 1 }), 'session s2 message 1');
      assert.deepEqual(await store.readMessages('s2', { offset: 0, limit: 1 }), [userMessage('q s2')]);
      assert.deepEqual(await store.readMessages('s1'), [userMessage('q s1'), assistantText('a s1')]);
      assert.equal((await store.getSession('s2'))?.messageCount, 2);
      assert.equal((await store.listSessions()).length, 3);
      // Nothing was deleted or rewritten.
      assert.deepEqual(raw.prepare("SELECT count(*) AS n FROM messages WHERE session_id = 's2'").get(), {
        n: 2,
      });
    });
  },
);

void it(
  'R30 corrupt-row-isolation: a message row that is JSON but not a SessionMessage is corrupt too',
  TIMEOUT,
  async () => {
    await withCorruptible(async ({ store, raw }) => {
      raw
        .prepare(
          `UPDATE messages SET body_json = '{"role":"robot","text":"x"}' WHERE session_id = 's1' AND idx = 0`,
        )
        .run();
      await rejectsCorrupt(store.readMessages('s1'), 'session s1 message 0');
      assert.deepEqual(await store.readMessages('s3'), [userMessage('q s3'), assistantText('a s3')]);
    });
  },
);

void it(
  'R30 corrupt-row-isolation: listSessions skips and reports an undecodable session row; the others still list',
  TIMEOUT,
  async () => {
    await withCorruptible(async ({ store, raw, reported }) => {
      raw.prepare("UPDATE sessions SET labels_json = '[1, 2' WHERE session_id = 's2'").run();
      raw.prepare("UPDATE sessions SET settings_json = '[]' WHERE session_id = 's3'").run();
      const listed = await store.listSessions();
      assert.deepEqual(
        listed.map((session) => session.sessionId),
        ['s1'],
      );
      assert.deepEqual(
        reported.map((error) => [error.code, error.message.split(':')[0]]),
        [
          ['corrupt', 'session s2 labels'],
          ['corrupt', 'session s3 settings'],
        ],
      );
      await rejectsCorrupt(store.getSession('s2'), 'session s2 labels');
      assert.equal((await store.getSession('s1'))?.sessionId, 's1');
      // The bad sessions' other rows still read, and the good session still takes boundaries.
      assert.equal((await store.readMessages('s2')).length, 2);
      await store.commitBoundary({
        sessionId: 's1',
        expectedMessageCount: 2,
        messages: [userMessage('more')],
        usageDelta: { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 },
        updatedAtMs: 500,
      });
      assert.deepEqual(raw.prepare('SELECT count(*) AS n FROM sessions').get(), { n: 3 });
    });
  },
);

void it(
  'R30 corrupt-row-isolation: an input row that fails to decode fails pendingInputs of its session only',
  TIMEOUT,
  async () => {
    await withCorruptible(async ({ store, raw }) => {
      raw.prepare('UPDATE inputs SET content_json = \'{"not": "content"}\' WHERE input_id = \'in-s1\'').run();
      await rejectsCorrupt(store.pendingInputs('s1'), 'input in-s1 content');
      assert.deepEqual(await store.pendingInputs('s2'), [sampleInput('in-s2', 's2', 1)]);
    });
  },
);

void it('hostile keys written straight into a row stay inert when read', TIMEOUT, async () => {
  await withCorruptible(async ({ store, raw }) => {
    raw
      .prepare(
        `UPDATE sessions SET settings_json = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"ok":true}'
         WHERE session_id = 's1'`,
      )
      .run();
    const record = await store.getSession('s1');
    assert.deepEqual(record?.settings, { ok: true });
    assert.equal(Object.getPrototypeOf(record?.settings), Object.prototype);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  });
});
