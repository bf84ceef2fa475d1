import type { Database } from 'better-sqlite3';

/**
 * Version 1 of the session store format. Frozen: once released, a version's DDL never changes; a new
 * format is a new migration. STRICT tables make SQLite reject a value of the wrong column type.
 */
export function createSchemaV1(db: Database): void {
  db.exec(`
    CREATE TABLE schema_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE sessions (
      session_id TEXT PRIMARY KEY,
      created_at_ms INTEGER NOT NULL,
      updated_at_ms INTEGER NOT NULL,
      model TEXT NOT NULL,
      provider TEXT NOT NULL,
      labels_json TEXT NOT NULL,
      archived INTEGER NOT NULL,
      pending INTEGER NOT NULL,
      settings_json TEXT NOT NULL,
      input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL,
      cache_creation_tokens INTEGER NOT NULL,
      cache_read_tokens INTEGER NOT NULL,
      message_count INTEGER NOT NULL,
      last_assistant_text TEXT
    ) STRICT;
    CREATE INDEX sessions_by_updated ON sessions (updated_at_ms DESC, session_id);

    CREATE TABLE messages (
      session_id TEXT NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      body_json TEXT NOT NULL,
      PRIMARY KEY (session_id, idx)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE session_labels (
      session_id TEXT NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (session_id, key)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX session_labels_by_pair ON session_labels (key, value);

    CREATE TABLE inputs (
      input_id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
      content_json TEXT NOT NULL,
      state TEXT NOT NULL,
      accepted_at_ms INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX inputs_by_session ON inputs (session_id, state, accepted_at_ms);
  `);
}
