import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeError, ensureRealmManifest, realmPaths } from '../../src/index.js';

async function withStateRoot(run: (stateRoot: string) => Promise<void>): Promise<void> {
  const stateRoot = await mkdtemp(join(tmpdir(), 'rkat-manifest-'));
  try {
    await run(stateRoot);
  } finally {
    await rm(stateRoot, { recursive: true, force: true });
  }
}

void test('writes the manifest once and keeps it', { timeout: 10_000 }, async () => {
  await withStateRoot(async (stateRoot) => {
    const paths = realmPaths(stateRoot, 'team');
    const first = await ensureRealmManifest(paths, {
      origin: 'explicit',
      backend: 'sqlite',
      nowMs: 1_700_000_000_500,
    });
    assert.deepEqual(first, {
      realm_id: 'team',
      backend: 'sqlite',
      origin: 'explicit',
      created_at: '1700000000',
    });
    const again = await ensureRealmManifest(paths, {
      origin: 'workspace',
      backend: 'sqlite',
      nowMs: 1_800_000_000_000,
    });
    assert.deepEqual(again, first, 'an existing manifest is never rewritten');
    assert.deepEqual(JSON.parse(await readFile(paths.manifestPath, 'utf8')), first);
    assert.deepEqual(await readdir(paths.root), ['realm_manifest.json'], 'no temp file is left behind');
  });
});

void test('concurrent openers agree on one manifest', { timeout: 10_000 }, async () => {
  await withStateRoot(async (stateRoot) => {
    const paths = realmPaths(stateRoot, 'race');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        ensureRealmManifest(paths, { origin: 'explicit', backend: 'sqlite', nowMs: (index + 1) * 1_000_000 }),
      ),
    );
    const stored = JSON.parse(await readFile(paths.manifestPath, 'utf8')) as unknown;
    for (const result of results) assert.deepEqual(result, stored);
  });
});

void test('fails closed on a foreign backend or an unreadable manifest', { timeout: 10_000 }, async () => {
  await withStateRoot(async (stateRoot) => {
    const paths = realmPaths(stateRoot, 'old');
    await mkdir(paths.root, { recursive: true });
    await writeFile(
      paths.manifestPath,
      JSON.stringify({ realm_id: 'old', backend: 'jsonl', origin: 'explicit', created_at: '1' }),
    );
    await assert.rejects(
      ensureRealmManifest(paths, { origin: 'explicit', backend: 'sqlite', nowMs: 0 }),
      (error: unknown) => RuntimeError.is(error, 'INVALID_REALM') && /jsonl/.test((error as Error).message),
    );
    await writeFile(paths.manifestPath, '{not json');
    await assert.rejects(
      ensureRealmManifest(paths, { origin: 'explicit', backend: 'sqlite', nowMs: 0 }),
      (error: unknown) => RuntimeError.is(error, 'INVALID_REALM'),
    );
  });
});
