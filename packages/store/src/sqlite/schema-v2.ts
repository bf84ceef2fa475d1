import type { Database } from 'better-sqlite3';

/**
 * Version 2 of the session store format: `session_claims`, one row per session a runtime process is
 * running a turn on (reliability rows 1 and 7). Frozen like every released version.
 */
export function migrateToV2(db: Database): void {
  db.exec(`
    CREATE TABLE session_claims (
      session_id TEXT PRIMARY KEY,
      owner_id TEXT NOT NULL,
      instance_id TEXT NOT NULL,
      pid INTEGER NOT NULL,
      claimed_at_ms INTEGER NOT NULL,
      expires_at_ms INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
  `);
}
