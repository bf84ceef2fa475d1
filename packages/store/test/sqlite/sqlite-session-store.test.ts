import { join } from 'node:path';
import { runSessionStoreConformance } from '@rkat/testing/conformance';
import { openSqliteSessionStore } from '../../src/index.js';
import { makeTempDir } from '../support/temp-dir.js';

runSessionStoreConformance('sqlite', async () => {
  const { dir, cleanup } = await makeTempDir();
  // A nested path: opening must create the missing parent directories.
  const path = join(dir, 'realm', 'sessions.sqlite3');
  return {
    store: await openSqliteSessionStore({ path }),
    reopen: () => openSqliteSessionStore({ path }),
    cleanup,
  };
});
