import assert from 'node:assert/strict';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import { parseJson } from '@rkat/contracts';
import { StoreError } from '@rkat/core';
import { openSqliteSessionStore, SQLITE_SCHEMA_VERSION } from '../../src/index.js';
import {
  applyMigrations,
  readFormatVersion,
  SQLITE_MIGRATIONS,
  type Migration,
} from '../../src/sqlite/migrations.js';
import { fixturePath } from '../support/fixtures.js';
import { makeTempDir } from '../support/temp-dir.js';

const TIMEOUT = { timeout: 10_000 };

interface Expected {
  formatVersion: number;
  sessions: { sessionId: string }[];
  transcripts: Record<string, unknown>;
  pending: Record<string, unknown>;
}

async function withV1Copy(body: (path: string) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await makeTempDir();
  try {
    const path = join(dir, 'sessions.sqlite3');
    await copyFile(fixturePath('v1', 'sessions.sqlite3'), path);
    await body(path);
  } finally {
    await cleanup();
  }
}

function withRaw<T>(path: string, body: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return body(db);
  } finally {
    db.close();
  }
}

const tableExists = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;

void it(
  'R31 schema-version-gate: the frozen v1 fixture opens on the current code, reads back identically, takes new boundaries',
  TIMEOUT,
  async () => {
    const parsed = parseJson(await readFile(fixturePath('v1', 'expected.json'), 'utf8'));
    assert.ok(parsed.ok);
    const expected = parsed.value as Expected;
    assert.equal(expected.formatVersion, 1);
    await withV1Copy(async (path) => {
      const store = await openSqliteSessionStore({ path });
      try {
        assert.deepEqual(await store.listSessions({ includeArchived: true }), expected.sessions);
        for (const { sessionId } of expected.sessions) {
          assert.deepEqual(await store.readMessages(sessionId), expected.transcripts[sessionId]);
          assert.deepEqual(await store.pendingInputs(sessionId), expected.pending[sessionId]);
        }
        const full = await store.getSession('fixture-full');
        assert.ok(full !== undefined);
        await store.commitBoundary({
          sessionId: 'fixture-full',
          expectedMessageCount: full.messageCount,
          messages: [{ role: 'user', content: 'after upgrade', created_at: '2026-02-01T00:00:00Z' }],
          usageDelta: { inputTokens: 1, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 },
          updatedAtMs: full.updatedAtMs + 1,
          input: { inputId: 'input-pending', state: 'consumed' },
        });
        assert.equal((await store.getSession('fixture-full'))?.messageCount, full.messageCount + 1);
      } finally {
        await store.close();
      }
      assert.equal(
        withRaw(path, (db) => readFormatVersion(db)),
        SQLITE_SCHEMA_VERSION,
      );
    });
  },
);

void it(
  'R31 schema-version-gate: pending migrations run in order, in one transaction, and record the new version',
  TIMEOUT,
  async () => {
    await withV1Copy(async (path) => {
      const order: number[] = [];
      const next: Migration[] = [
        ...SQLITE_MIGRATIONS,
        {
          version: SQLITE_SCHEMA_VERSION + 1,
          description: 'test: add a table',
          up: (db) => {
            order.push(SQLITE_SCHEMA_VERSION + 1);
            db.exec('CREATE TABLE added_later (id TEXT PRIMARY KEY) STRICT');
          },
        },
        {
          version: SQLITE_SCHEMA_VERSION + 2,
          description: 'test: fill it',
          up: (db) => {
            order.push(SQLITE_SCHEMA_VERSION + 2);
            db.exec("INSERT INTO added_later VALUES ('x')");
          },
        },
      ];
      withRaw(path, (db) => {
        assert.equal(applyMigrations(db, next), SQLITE_SCHEMA_VERSION + 2);
        assert.deepEqual(order, [SQLITE_SCHEMA_VERSION + 1, SQLITE_SCHEMA_VERSION + 2]);
        assert.equal(readFormatVersion(db), SQLITE_SCHEMA_VERSION + 2);
        assert.equal(applyMigrations(db, next), SQLITE_SCHEMA_VERSION + 2);
        assert.equal(order.length, 2);
      });
      // This build now finds a format newer than it knows.
      await assert.rejects(
        openSqliteSessionStore({ path }),
        (error: unknown) => error instanceof StoreError && error.code === 'version_unsupported',
      );
    });
  },
);

void it(
  'a migration that fails leaves the database at its old version with nothing applied',
  TIMEOUT,
  async () => {
    await withV1Copy(async (path) => {
      const failing: Migration[] = [
        ...SQLITE_MIGRATIONS,
        {
          version: SQLITE_SCHEMA_VERSION + 1,
          description: 'test: half done, then fails',
          up: (db) => {
            db.exec('CREATE TABLE half_done (id TEXT) STRICT');
            throw new Error('migration failed');
          },
        },
      ];
      withRaw(path, (db) => {
        assert.throws(() => applyMigrations(db, failing), /migration failed/);
        // Every step of the run rolls back, the ones before the failing step included: still format 1.
        assert.equal(readFormatVersion(db), 1);
        assert.equal(tableExists(db, 'half_done'), false);
        assert.equal(tableExists(db, 'session_claims'), false);
      });
      const store = await openSqliteSessionStore({ path });
      assert.equal((await store.listSessions({ includeArchived: true })).length, 3);
      await store.close();
    });
  },
);

void it('a fresh database gets every migration; a gap in the list is refused', TIMEOUT, async () => {
  const { dir, cleanup } = await makeTempDir();
  try {
    withRaw(join(dir, 'fresh.sqlite3'), (db) => {
      assert.equal(readFormatVersion(db), 0);
      assert.throws(
        () => applyMigrations(db, [{ ...SQLITE_MIGRATIONS[0]!, version: 2 }]),
        /must have version 1/,
      );
      assert.equal(applyMigrations(db), SQLITE_SCHEMA_VERSION);
      for (const table of ['schema_meta', 'sessions', 'messages', 'session_labels', 'inputs']) {
        assert.equal(tableExists(db, table), true, table);
      }
    });
  } finally {
    await cleanup();
  }
});
