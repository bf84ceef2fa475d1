import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import {
  RuntimeError,
  ensureRealmManifest,
  listLeases,
  readRealmManifest,
  realmPaths,
  type RealmPaths,
} from '../../src/index.js';

// Reliability row 4 (torn-append), for the realm's whole-file writes: there is no JSONL store yet, so
// the files at stake are leases, the manifest, config.toml and blobs, all written temp-file-then-rename.
const WRITER = fileURLToPath(new URL('./atomic-writer-child.js', import.meta.url));

async function withPaths(body: (paths: RealmPaths) => Promise<void>): Promise<void> {
  const stateRoot = await mkdtemp(join(tmpdir(), 'rkat-torn-'));
  try {
    await body(realmPaths(stateRoot, 'torn'));
  } finally {
    await rm(stateRoot, { recursive: true, force: true });
  }
}

/** Runs the writer until it has written once, lets it go on for `afterMs`, then SIGKILLs it. */
async function killWriterMidway(path: string, afterMs: number): Promise<void> {
  const child = spawn(process.execPath, [WRITER, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('ready')) resolve();
    });
    child.on('exit', () => reject(new Error('the writer exited before its first write')));
  });
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
}

void test(
  'R4 torn-append: SIGKILL during whole-file writes leaves the old or the new file, never a torn one',
  { timeout: 90_000 },
  async () => {
    await withPaths(async (paths) => {
      await mkdir(paths.leasesDirectory, { recursive: true });
      const path = join(paths.leasesDirectory, 'writer.json');
      // Kill until one kill has provably landed mid-write (it leaves its temp file), at least four times.
      let strays: string[] = [];
      for (let round = 0; round < 12 && (round < 4 || strays.length === 0); round += 1) {
        await killWriterMidway(path, round * 7);
        const record = JSON.parse(await readFile(path, 'utf8')) as { heartbeat_at: number; padding: string };
        assert.equal(record.padding.length, 8 * 1024 * 1024, `a whole file after kill ${round}`);
        assert.ok([1, 2].includes(record.heartbeat_at), 'the old or the new version');
        // Whatever temp files the kills left behind, listing reads the one lease and nothing else.
        const listing = await listLeases(paths, { nowMs: 0 });
        assert.deepEqual(
          listing.leases.map((lease) => [lease.path, lease.record.heartbeat_at]),
          [[path, record.heartbeat_at]],
        );
        assert.deepEqual(listing.unparseable, []);
        const names = await readdir(paths.leasesDirectory);
        strays = names.filter((name) => name !== 'writer.json');
        assert.ok(
          strays.every((name) => /^writer\.json\.\d+\.[0-9a-f]{12}\.tmp$/.test(name)),
          `only the lease and its temp files: ${names.join(', ')}`,
        );
      }
      assert.notDeepEqual(strays, [], 'a kill landed mid-write');
    });
  },
);

void test(
  'R4 torn-append: a truncated lease, a stray temp file and garbage are reported; listing goes on',
  { timeout: 10_000 },
  async () => {
    await withPaths(async (paths) => {
      await mkdir(paths.leasesDirectory, { recursive: true });
      const good = {
        realm_id: 'torn',
        instance_id: 'good',
        surface: 'rkat-rpc',
        pid: 1,
        started_at: 1,
        heartbeat_at: 1,
      };
      const text = JSON.stringify(good);
      await writeFile(join(paths.leasesDirectory, 'good.json'), text);
      await writeFile(join(paths.leasesDirectory, 'truncated.json'), text.slice(0, text.length / 2));
      await writeFile(join(paths.leasesDirectory, 'empty.json'), '');
      await writeFile(join(paths.leasesDirectory, 'wrong-shape.json'), '{"realm_id": 7}');
      await writeFile(join(paths.leasesDirectory, 'good.json.123.abcdefabcdef.tmp'), text.slice(0, 9));
      await mkdir(join(paths.leasesDirectory, 'a-directory.json'));
      const listing = await listLeases(paths, { nowMs: 1000 });
      assert.deepEqual(
        listing.leases.map((lease) => lease.record.instance_id),
        ['good'],
      );
      assert.deepEqual(listing.unparseable, [
        join(paths.leasesDirectory, 'a-directory.json'),
        join(paths.leasesDirectory, 'empty.json'),
        join(paths.leasesDirectory, 'truncated.json'),
        join(paths.leasesDirectory, 'wrong-shape.json'),
      ]);
    });
  },
);

void test(
  'R4 torn-append: a truncated manifest is detected and named; a stray manifest temp file is ignored',
  { timeout: 10_000 },
  async () => {
    await withPaths(async (paths) => {
      const manifest = await ensureRealmManifest(paths, { origin: 'explicit', nowMs: 1_700_000_000_000 });
      await writeFile(`${paths.manifestPath}.99.abcdefabcdef.tmp`, '{"realm_id":');
      assert.deepEqual(await readRealmManifest(paths.manifestPath), manifest);
      const text = await readFile(paths.manifestPath, 'utf8');
      await writeFile(paths.manifestPath, text.slice(0, 20));
      await assert.rejects(
        readRealmManifest(paths.manifestPath),
        (error: unknown) =>
          RuntimeError.is(error, 'INVALID_REALM') && error.message.includes(paths.manifestPath),
      );
    });
  },
);
