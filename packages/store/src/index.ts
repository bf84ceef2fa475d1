export {
  SqliteSessionStore,
  openSqliteSessionStore,
  SQLITE_SCHEMA_VERSION,
  type SqliteSessionStoreOptions,
} from './sqlite/sqlite-session-store.js';
export { COMMIT_FAULT_POINTS, type CommitFaultPoint } from './sqlite/fault-points.js';
export { MemorySessionStore } from './memory/memory-session-store.js';
