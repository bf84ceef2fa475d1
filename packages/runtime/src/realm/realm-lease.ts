import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@rkat/tools';
import { leaseFileName } from './instance-id.js';
import { LEASE_HEARTBEAT_INTERVAL_MS, type LeaseRecord } from './lease-record.js';
import type { RealmPaths } from './realm-paths.js';

/** The timer a lease heartbeats with; tests pass a manual one. */
export interface LeaseScheduler {
  setInterval(callback: () => void, intervalMs: number): unknown;
  clearInterval(handle: unknown): void;
}

const unrefScheduler: LeaseScheduler = {
  setInterval: (callback, intervalMs) => setInterval(callback, intervalMs).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface StartLeaseOptions {
  paths: RealmPaths;
  instanceId: string;
  /** The surface that holds the realm open; default `rkat-rpc`. */
  surface?: string;
  /** Wall clock in epoch milliseconds; default `Date.now`. */
  now?: () => number;
  /** Default 5 s. */
  heartbeatIntervalMs?: number;
  /** Default: an unref'd `setInterval`, so the heartbeat never keeps the process alive. */
  scheduler?: LeaseScheduler;
  /** A heartbeat write failed (the next beat retries). Default: ignored. */
  onHeartbeatError?: (error: unknown) => void;
}

/**
 * This process's lease on a realm (01 §1.1): `leases/<instance>.json`, rewritten atomically on every
 * heartbeat and removed on `release()`.
 */
export class RealmLease {
  readonly path: string;
  private readonly record: LeaseRecord;
  private readonly now: () => number;
  private readonly scheduler: LeaseScheduler;
  private timer: unknown;
  private writing: Promise<void> = Promise.resolve();
  private released: Promise<void> | undefined;

  private constructor(options: StartLeaseOptions, record: LeaseRecord) {
    this.path = join(options.paths.leasesDirectory, leaseFileName(options.instanceId));
    this.record = record;
    this.now = options.now ?? Date.now;
    this.scheduler = options.scheduler ?? unrefScheduler;
  }

  /**
   * Writes the lease and starts its heartbeat. Throws the file system's error when the lease cannot be
   * written (the realm is then not usable by this process either).
   */
  static async start(options: StartLeaseOptions): Promise<RealmLease> {
    const now = options.now ?? Date.now;
    const seconds = Math.floor(now() / 1000);
    const lease = new RealmLease(options, {
      realm_id: options.paths.realmId,
      instance_id: options.instanceId,
      surface: options.surface ?? 'rkat-rpc',
      pid: process.pid,
      started_at: seconds,
      heartbeat_at: seconds,
    });
    await mkdir(options.paths.leasesDirectory, { recursive: true });
    await lease.write();
    const onError = options.onHeartbeatError ?? (() => undefined);
    lease.timer = lease.scheduler.setInterval(() => {
      lease.heartbeat().catch(onError);
    }, options.heartbeatIntervalMs ?? LEASE_HEARTBEAT_INTERVAL_MS);
    return lease;
  }

  /** A copy of the record as last written. */
  current(): LeaseRecord {
    return { ...this.record };
  }

  /** Writes a heartbeat now (writes are serialized). A no-op after `release()`. */
  heartbeat(): Promise<void> {
    if (this.released) return Promise.resolve();
    this.writing = this.writing
      .catch(() => undefined)
      .then(() => {
        if (this.released) return undefined;
        this.record.heartbeat_at = Math.floor(this.now() / 1000);
        return this.write();
      });
    return this.writing;
  }

  /** Stops the heartbeat, waits for a write in flight and removes the lease file. Idempotent. */
  release(): Promise<void> {
    this.released ??= (async () => {
      this.scheduler.clearInterval(this.timer);
      await this.writing.catch(() => undefined);
      await unlink(this.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    })();
    return this.released;
  }

  private write(): Promise<void> {
    return writeFileAtomic(this.path, `${JSON.stringify(this.record, null, 2)}\n`);
  }
}
