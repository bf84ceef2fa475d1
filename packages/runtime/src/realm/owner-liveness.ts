import type { SessionClaimRecord } from '@rkat/core';
import { listLeases } from './lease-listing.js';
import type { RealmPaths } from './realm-paths.js';

/** Whether an OS process with this id exists on this host (a process we may not signal still exists). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Decides whether the holder of a session claim is gone, so its claim may be taken over before it
 * expires: its process no longer exists (a realm's SQLite file is local, so its holders run on this host),
 * or its realm lease is stale. A holder in this very process is never gone (another runtime of it holds
 * the session). Never throws: an unreadable leases directory counts as "not known to be gone".
 */
export function claimHolderGone(
  paths: RealmPaths | undefined,
): (holder: SessionClaimRecord) => Promise<boolean> {
  return async (holder) => {
    if (holder.pid === process.pid) return false;
    if (!processExists(holder.pid)) return true;
    if (paths === undefined) return false;
    const listing = await listLeases(paths).catch(() => undefined);
    const lease = listing?.leases.find(
      ({ record }) => record.instance_id === holder.instanceId && record.pid === holder.pid,
    );
    return lease?.stale === true;
  };
}
