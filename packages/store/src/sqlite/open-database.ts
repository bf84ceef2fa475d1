import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '@rkat/core';
import { applyMigrations, assertVersionSupported, SQLITE_MIGRATIONS, type Migration } from './migrations.js';

/** How long a statement waits for another connection's lock before failing (reliability row 10). */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating parent directories and the file if needed) and prepares a session database:
 * version gate first, read-only, so a newer format fails closed with the file untouched; then WAL,
 * pragmas and pending migrations. Closes the connection again on any failure.
 */
export function openDatabase(
  path: string,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    assertVersionSupported(db, migrations);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new StoreError('io', `could not enable WAL journaling (got ${String(mode)})`);
    // FULL, not NORMAL: in WAL mode NORMAL already survives a killed process, but a power loss or OS
    // crash could drop the last commits. We commit once per turn boundary (rare next to model latency)
    // and promise an accepted input is durable before it is acknowledged, so the fsync is worth it.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
