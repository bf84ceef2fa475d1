import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeError, withFileLock } from '../../src/index.js';
import { openConfigService, withRealmPaths } from './support/config-realm.js';

async function withDirectory(body: (directory: string) => Promise<void>): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'rkat-lock-'));
  try {
    await body(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

void test('the lock serializes holders and is removed afterwards', { timeout: 10_000 }, async () => {
  await withDirectory(async (directory) => {
    const path = join(directory, 'x.lock');
    let inside = 0;
    let overlapped = false;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withFileLock(path, {}, async () => {
          inside += 1;
          if (inside > 1) overlapped = true;
          await new Promise((resolve) => setImmediate(resolve));
          inside -= 1;
        }),
      ),
    );
    assert.equal(overlapped, false);
    assert.deepEqual(await readdir(directory), []);
    await assert.rejects(
      withFileLock(path, {}, () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.deepEqual(await readdir(directory), [], 'released after a failing action');
  });
});

void test(
  'a stale lock is broken; a live one times out as an internal error',
  { timeout: 10_000 },
  async () => {
    await withDirectory(async (directory) => {
      const path = join(directory, 'x.lock');
      await writeFile(path, 'left by a crashed writer');
      const old = new Date(Date.now() - 60_000);
      await utimes(path, old, old);
      assert.equal(await withFileLock(path, { staleAfterMs: 30_000 }, () => Promise.resolve('ran')), 'ran');
      assert.deepEqual(await readdir(directory), []);

      await writeFile(path, 'held by a live writer');
      await assert.rejects(
        withFileLock(path, { timeoutMs: 100 }, () => Promise.resolve('never')),
        (error: unknown) => RuntimeError.is(error, 'INTERNAL_ERROR') && /timed out/.test(error.message),
      );
      assert.deepEqual(await readdir(directory), ['x.lock'], 'a lock it does not own is left alone');
    });
  },
);

void test(
  'config writes fail with INTERNAL_ERROR when the lock stays held',
  { timeout: 10_000 },
  async () => {
    await withRealmPaths(async (paths) => {
      const service = await openConfigService(paths, { timeoutMs: 100 });
      await service.set({});
      await writeFile(paths.configStateLockPath, 'another process');
      await assert.rejects(service.patch({ patch: { max_tokens: 5 } }), (error: unknown) =>
        RuntimeError.is(error, 'INTERNAL_ERROR'),
      );
      assert.equal((await service.get()).generation, 1);
    });
  },
);
