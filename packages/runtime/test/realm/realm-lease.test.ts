import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RealmLease,
  leaseFileName,
  listLeases,
  realmPaths,
  type LeaseScheduler,
  type RealmPaths,
} from '../../src/index.js';

async function withPaths(body: (paths: RealmPaths) => Promise<void>): Promise<void> {
  const stateRoot = await mkdtemp(join(tmpdir(), 'rkat-lease-'));
  try {
    await body(realmPaths(stateRoot, 'leased'));
  } finally {
    await rm(stateRoot, { recursive: true, force: true });
  }
}

/** A scheduler the test ticks by hand. */
function manualScheduler(): LeaseScheduler & { tick(): void; intervalMs?: number; cleared: boolean } {
  let callback: (() => void) | undefined;
  const scheduler = {
    cleared: false,
    intervalMs: undefined as number | undefined,
    setInterval(run: () => void, intervalMs: number) {
      callback = run;
      scheduler.intervalMs = intervalMs;
      return 'handle';
    },
    clearInterval(handle: unknown) {
      assert.equal(handle, 'handle');
      scheduler.cleared = true;
    },
    tick() {
      callback?.();
    },
  };
  return scheduler;
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 5));
}

void test('a lease is written, heartbeats, and is removed on release', { timeout: 10_000 }, async () => {
  await withPaths(async (paths) => {
    let nowMs = 1_700_000_000_000;
    const scheduler = manualScheduler();
    const lease = await RealmLease.start({ paths, instanceId: 'inst/1', now: () => nowMs, scheduler });
    assert.equal(scheduler.intervalMs, 5000);
    assert.equal(lease.path, join(paths.leasesDirectory, 'inst_1.json'));
    const read = async () => JSON.parse(await readFile(lease.path, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(await read(), {
      realm_id: 'leased',
      instance_id: 'inst/1',
      surface: 'rkat-rpc',
      pid: process.pid,
      started_at: 1_700_000_000,
      heartbeat_at: 1_700_000_000,
    });
    nowMs += 5_000;
    scheduler.tick();
    await waitFor(async () => (await read()).heartbeat_at === 1_700_000_005);
    assert.equal((await read()).started_at, 1_700_000_000);

    const listing = await listLeases(paths, { nowMs });
    assert.equal(listing.leases.length, 1);
    assert.equal(listing.leases[0]?.stale, false);
    assert.equal((await listLeases(paths, { nowMs: nowMs + 31_000 })).leases[0]?.stale, true);

    await Promise.all([lease.release(), lease.release()]);
    assert.equal(scheduler.cleared, true);
    assert.deepEqual(await readdir(paths.leasesDirectory), []);
    scheduler.tick();
    await lease.heartbeat();
    assert.deepEqual(await readdir(paths.leasesDirectory), [], 'no heartbeat after release');
  });
});

void test('the real timer heartbeats and does not keep the process alive', { timeout: 10_000 }, async () => {
  await withPaths(async (paths) => {
    let beats = 0;
    const lease = await RealmLease.start({
      paths,
      instanceId: 'timer',
      heartbeatIntervalMs: 5,
      now: () => 1_000 * (1 + beats++),
    });
    try {
      const read = async () => JSON.parse(await readFile(lease.path, 'utf8')) as { heartbeat_at: number };
      await waitFor(async () => (await read()).heartbeat_at > 1);
    } finally {
      await lease.release();
    }
  });
});

void test('listLeases marks stale leases and reports unreadable ones', { timeout: 10_000 }, async () => {
  await withPaths(async (paths) => {
    assert.deepEqual(await listLeases(paths), { leases: [], unparseable: [] });
    await mkdir(paths.leasesDirectory, { recursive: true });
    const record = (instance: string, heartbeat: number) => ({
      realm_id: 'leased',
      instance_id: instance,
      surface: 'rkat-rpc',
      pid: 1,
      started_at: 100,
      heartbeat_at: heartbeat,
    });
    await writeFile(
      join(paths.leasesDirectory, leaseFileName('fresh')),
      JSON.stringify(record('fresh', 1000)),
    );
    await writeFile(join(paths.leasesDirectory, leaseFileName('old')), JSON.stringify(record('old', 969)));
    await writeFile(join(paths.leasesDirectory, 'broken.json'), '{"realm_id":');
    await writeFile(join(paths.leasesDirectory, 'notes.txt'), 'ignored');
    const listing = await listLeases(paths, { nowMs: 1_000_000 });
    assert.deepEqual(
      listing.leases.map((lease) => [lease.record.instance_id, lease.stale]),
      [
        ['fresh', false],
        ['old', true],
      ],
    );
    assert.deepEqual(listing.unparseable, [join(paths.leasesDirectory, 'broken.json')]);
  });
});
