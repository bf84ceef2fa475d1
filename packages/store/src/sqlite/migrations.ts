import type { Database } from 'better-sqlite3';
import { StoreError } from '@rkat/core';
import { createSchemaV1 } from './schema-v1.js';
import { migrateToV2 } from './schema-v2.js';

/** One step of the format: `up` takes a database at `version - 1` to `version`. */
export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}

/** Every format version this build can write, in order. The last one is the current version. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'sessions, messages, labels, inputs', up: createSchemaV1 },
  { version: 2, description: 'session claims across processes', up: migrateToV2 },
];

const VERSION_KEY = 'format_version';

function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * The stored format version: 0 for an empty database. Throws `version_unsupported` for a database
 * that has tables but no readable version (not ours, or damaged): we never guess a format.
 */
export function readFormatVersion(db: Database): number {
  if (!hasTable(db, 'schema_meta')) {
    const objects = db
      .prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
      .get();
    if ((objects as { n: number }).n === 0) return 0;
    throw new StoreError('version_unsupported', 'database has tables but no schema_meta: unknown format');
  }
  const row = db.prepare('SELECT value FROM schema_meta WHERE key = ?').get(VERSION_KEY) as
    { value: unknown } | undefined;
  const version = typeof row?.value === 'string' && /^[0-9]+$/.test(row.value) ? Number(row.value) : NaN;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new StoreError('version_unsupported', `schema_meta has no valid ${VERSION_KEY}`);
  }
  return version;
}

function latestVersion(migrations: readonly Migration[]): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${index} must have version ${index + 1}`);
  });
  return migrations.length;
}

/** Fails closed, before anything is written, on a format newer than this build knows. */
export function assertVersionSupported(
  db: Database,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
): number {
  const stored = readFormatVersion(db);
  const latest = latestVersion(migrations);
  if (stored > latest) {
    throw new StoreError(
      'version_unsupported',
      `session store format version ${stored} is newer than this build supports (${latest})`,
    );
  }
  return stored;
}

/**
 * Brings the database to the latest version: every pending migration and the new version number in
 * one IMMEDIATE transaction (all or nothing). The version is re-read inside the transaction, so two
 * processes opening one fresh file do not both migrate it. Returns the version now stored.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[] = SQLITE_MIGRATIONS): number {
  const latest = latestVersion(migrations);
  if (assertVersionSupported(db, migrations) === latest) return latest;
  const migrate = db.transaction(() => {
    const stored = assertVersionSupported(db, migrations);
    for (const migration of migrations.slice(stored)) migration.up(db);
    db.prepare('INSERT OR REPLACE INTO schema_meta (key, value) VALUES (?, ?)').run(
      VERSION_KEY,
      String(latest),
    );
  });
  migrate.immediate();
  return latest;
}
