import { createRequire } from 'node:module';

/** The few better-sqlite3 calls the storage system tests make on a realm's `sessions.sqlite3`. */
export interface RawDatabase {
  prepare(sql: string): {
    all(...params: unknown[]): unknown[];
    get(...params: unknown[]): unknown;
    run(...params: unknown[]): unknown;
  };
  close(): void;
}

type DatabaseConstructor = new (path: string, options?: { readonly?: boolean }) => RawDatabase;

// `rpc-server` does not depend on a SQLite driver; the tests borrow the store package's own, resolved
// from that package, to look at the rows behind the protocol (and to damage them on purpose).
const storeRequire = createRequire(new URL('../../../../store/package.json', import.meta.url));
const Database = storeRequire('better-sqlite3') as DatabaseConstructor;

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
