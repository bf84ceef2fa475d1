export {
  SqliteSessionStore,
  openSqliteSessionStore,
  SQLITE_SCHEMA_VERSION,
  type SqliteSessionStoreOptions,
} from './sqlite/sqlite-session-store.js';
export { COMMIT_FAULT_POINTS, type CommitFaultPoint } from './sqlite/fault-points.js';
export { MemorySessionStore } from './memory/memory-session-store.js';
export { failingSessionStore } from './faults/failing-store.js';
export { injectWriteFault, type WriteFaultInjection } from './faults/inject-write-fault.js';
export {
  parseWriteFault,
  simulatedWriteError,
  WRITE_OPERATIONS,
  type WriteFault,
  type WriteFaultKind,
  type WriteOperation,
} from './faults/write-fault.js';
export { SqliteSessionClaims, openSqliteSessionClaims } from './sqlite/sqlite-session-claims.js';
export { MemorySessionClaims } from './memory/memory-session-claims.js';
