import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkContract, parseJson } from '@rkat/contracts';
import { LEASE_STALE_AFTER_MS, LeaseRecord } from './lease-record.js';
import type { RealmPaths } from './realm-paths.js';

/** One lease file and whether its holder is presumed gone. */
export interface ListedLease {
  record: LeaseRecord;
  path: string;
  /** The last heartbeat is older than the stale threshold (default 30 s). */
  stale: boolean;
}

/** The leases of a realm. */
export interface LeaseListing {
  leases: ListedLease[];
  /** Lease files that could not be read as a lease: their holder's liveness is unknown. */
  unparseable: string[];
}

export interface ListLeasesOptions {
  /** Epoch milliseconds; default `Date.now()`. */
  nowMs?: number;
  staleAfterMs?: number;
}

/**
 * Reads every `leases/*.json` of a realm, sorted by file name, and marks the stale ones. A missing leases
 * directory is an empty listing. Never deletes anything; throws only for an unreadable directory.
 */
export async function listLeases(paths: RealmPaths, options: ListLeasesOptions = {}): Promise<LeaseListing> {
  const listing: LeaseListing = { leases: [], unparseable: [] };
  let names: string[];
  try {
    names = await readdir(paths.leasesDirectory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return listing;
    throw error;
  }
  const nowSeconds = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const staleAfterSeconds = (options.staleAfterMs ?? LEASE_STALE_AFTER_MS) / 1000;
  for (const name of names.filter((entry) => entry.endsWith('.json')).sort()) {
    const path = join(paths.leasesDirectory, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
      listing.unparseable.push(path);
      continue;
    }
    const parsed = parseJson(text);
    const checked = parsed.ok ? checkContract<LeaseRecord>(LeaseRecord, parsed.value) : undefined;
    if (!checked?.ok) {
      listing.unparseable.push(path);
      continue;
    }
    const record = checked.value;
    listing.leases.push({ record, path, stale: nowSeconds - record.heartbeat_at > staleAfterSeconds });
  }
  return listing;
}
