import Database from 'better-sqlite3';

/** The realm database opened directly, to look at the rows behind the protocol (and to damage them on purpose). */
export type RawDatabase = Database.Database;

/** Opens the database file directly, runs `body`, closes it again. */
export function withRawDatabase<T>(
  path: string,
  body: (db: RawDatabase) => T,
  options: { readonly?: boolean } = {},
): T {
  const db = new Database(path, options);
  try {
    return body(db);
  } finally {
    db.close();
  }
}
