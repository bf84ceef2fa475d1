import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileTaskStore, TaskNotFoundError, TaskStoreCorruptError } from '../../src/index.js';
import { tempDir } from '../support/temp-dir.js';

void test('persists tasks in the original file format across instances', { timeout: 30_000 }, async (t) => {
  const dir = join(await tempDir(t), 'realm', 'tasks');
  const first = new FileTaskStore({ directory: dir });
  const created = await first.create({ subject: 's', description: 'd' }, 'session-1');
  await first.update(created.id, { status: 'completed' }, 'session-2');
  const data = JSON.parse(await readFile(join(dir, 'tasks.json'), 'utf8')) as {
    meta: { version: number; project_id: string; created_at: string; store_rev: number };
    tasks: unknown[];
  };
  assert.equal(data.meta.version, 1);
  assert.equal(data.meta.store_rev, 2);
  assert.match(data.meta.project_id, /^[0-9a-f-]{36}$/);
  assert.equal(data.tasks.length, 1);
  assert.deepEqual(await readdir(dir), ['tasks.json'], 'no temp file is left behind');

  const second = new FileTaskStore({ directory: dir });
  const reloaded = await second.get(created.id);
  assert.equal(reloaded?.status, 'completed');
  assert.equal(reloaded?.created_by_session, 'session-1');
  assert.equal(reloaded?.updated_by_session, 'session-2');
  await assert.rejects(second.update('missing', {}, undefined), TaskNotFoundError);
});

void test('concurrent creates are serialized and all kept', { timeout: 30_000 }, async (t) => {
  const store = new FileTaskStore({ directory: await tempDir(t) });
  await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      store.create({ subject: `t${index}`, description: '' }, undefined),
    ),
  );
  assert.equal((await store.list()).length, 20);
});

void test('a corrupt file fails clearly and is left untouched', { timeout: 30_000 }, async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'tasks.json');
  await writeFile(path, '{"meta": {"version": 1');
  const store = new FileTaskStore({ directory: dir });
  await assert.rejects(store.list(), (error: unknown) => {
    assert.ok(error instanceof TaskStoreCorruptError);
    assert.match(error.message, /tasks\.json is corrupt .*left untouched/);
    return true;
  });
  await assert.rejects(store.create({ subject: 's', description: 'd' }, undefined), TaskStoreCorruptError);
  assert.equal(await readFile(path, 'utf8'), '{"meta": {"version": 1');

  await writeFile(
    path,
    JSON.stringify({ meta: { version: 9, project_id: 'p', created_at: 'c', store_rev: 1 }, tasks: [] }),
  );
  await assert.rejects(store.list(), /unsupported store version 9/);
  await writeFile(
    path,
    JSON.stringify({
      meta: { version: 1, project_id: 'p', created_at: 'c', store_rev: 1 },
      tasks: [{ id: 1 }],
    }),
  );
  await assert.rejects(store.list(), /task #0 has an invalid 'id'/);
});
