import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import { StoreError, type StoreErrorCode } from '@rkat/core';
import { openSqliteSessionStore, SQLITE_SCHEMA_VERSION } from '../../src/index.js';
import { makeTempDir } from '../support/temp-dir.js';

const TIMEOUT = { timeout: 10_000 };

async function rejectsWithCode(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof StoreError && error.code === code);
}

/** Writes a database with the given DDL through a raw connection, in rollback-journal mode. */
function writeRawDatabase(path: string, sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.close();
}

void it(
  'opening creates parent directories, a WAL database and the current format version',
  TIMEOUT,
  async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const path = join(dir, 'a', 'b', 'sessions.sqlite3');
      const store = await openSqliteSessionStore({ path });
      await store.close();
      const raw = new Database(path, { readonly: true });
      try {
        assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
        const row = raw.prepare("SELECT value FROM schema_meta WHERE key = 'format_version'").get();
        assert.deepEqual(row, { value: String(SQLITE_SCHEMA_VERSION) });
      } finally {
        raw.close();
      }
    } finally {
      await cleanup();
    }
  },
);

void it(
  'R31 schema-version-gate: a format version newer than this build fails closed and leaves the file untouched',
  TIMEOUT,
  async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const path = join(dir, 'future.sqlite3');
      writeRawDatabase(
        path,
        `CREATE TABLE schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
       INSERT INTO schema_meta VALUES ('format_version', '${SQLITE_SCHEMA_VERSION + 1}');
       CREATE TABLE sessions_v2 (id TEXT);`,
      );
      const before = await readFile(path);
      await assert.rejects(openSqliteSessionStore({ path }), (error: unknown) => {
        assert.ok(error instanceof StoreError);
        assert.equal(error.code, 'version_unsupported');
        assert.match(error.message, new RegExp(`version ${SQLITE_SCHEMA_VERSION + 1} is newer`));
        return true;
      });
      assert.deepEqual(await readFile(path), before);
    } finally {
      await cleanup();
    }
  },
);

void it(
  'R31 schema-version-gate: a database with tables but no readable version fails closed',
  TIMEOUT,
  async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const foreign = join(dir, 'foreign.sqlite3');
      writeRawDatabase(foreign, 'CREATE TABLE sessions (id TEXT);');
      const garbled = join(dir, 'garbled.sqlite3');
      writeRawDatabase(
        garbled,
        `CREATE TABLE schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
       INSERT INTO schema_meta VALUES ('format_version', 'one');`,
      );
      for (const path of [foreign, garbled]) {
        const before = await readFile(path);
        await rejectsWithCode(openSqliteSessionStore({ path }), 'version_unsupported');
        assert.deepEqual(await readFile(path), before);
      }
    } finally {
      await cleanup();
    }
  },
);

void it('a file that is not a database fails with corrupt and is left as it was', TIMEOUT, async () => {
  const { dir, cleanup } = await makeTempDir();
  try {
    const path = join(dir, 'notes.sqlite3');
    const text = 'this is not a database, just some text that is long enough to have a header\n'.repeat(20);
    await writeFile(path, text);
    await rejectsWithCode(openSqliteSessionStore({ path }), 'corrupt');
    assert.equal(await readFile(path, 'utf8'), text);
  } finally {
    await cleanup();
  }
});

void it('a path whose parent cannot be created fails with io', TIMEOUT, async () => {
  const { dir, cleanup } = await makeTempDir();
  try {
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'x');
    await rejectsWithCode(openSqliteSessionStore({ path: join(blocker, 'sessions.sqlite3') }), 'io');
  } finally {
    await cleanup();
  }
});
