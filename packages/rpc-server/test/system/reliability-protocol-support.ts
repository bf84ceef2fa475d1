import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { realmPaths } from '@rkat/runtime';
import { withTimeout } from './rpc-client.js';

/** The resident set size of a process in bytes, read from `/proc/<pid>/status` (Linux only). */
export function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** Writes `chunk` and waits for `drain` when the stream asks for it, so the writer's memory stays flat. */
export async function writeWithBackpressure(stream: Writable, chunk: Buffer | string): Promise<void> {
  if (!stream.write(chunk)) await withTimeout(once(stream, 'drain'), 30_000, 'the input pipe to drain');
}

/** The realm's SQLite session store file. */
export function sessionsDatabasePath(stateRoot: string, realmId: string): string {
  return realmPaths(stateRoot, realmId).sessionsSqlitePath;
}

/** Runs `use` on the realm's session store opened read-only (WAL lets it read beside a running server). */
export function readSessionsDatabase<T>(path: string, use: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** Runs `use` on the realm's session store opened for writing (no server may hold the realm). */
export function writeSessionsDatabase<T>(path: string, use: (db: Database.Database) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** Polls `condition` every 20 ms until it holds; rejects after `timeoutMs`. */
export async function pollUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
