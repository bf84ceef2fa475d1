// Child process of crash.test.ts: `node crash-child.js <db path> <fault point>`. Commits the first
// boundary, then kills itself with SIGKILL at the given point inside the second commit.
import { openSqliteSessionStore, type CommitFaultPoint } from '../../src/index.js';
import {
  COMMITTED_MARKER,
  CRASH_INPUTS,
  CRASH_SESSION,
  FIRST_BOUNDARY,
  SECOND_BOUNDARY,
} from './crash-scenario.js';

const [path, point] = process.argv.slice(2) as [string, CommitFaultPoint];
let armed = false;
const store = await openSqliteSessionStore({
  path,
  faultPoints: (name) => {
    if (armed && name === point) process.kill(process.pid, 'SIGKILL');
  },
});
await store.createSession(CRASH_SESSION);
for (const input of CRASH_INPUTS) await store.recordInput(input);
await store.commitBoundary(FIRST_BOUNDARY);
process.stdout.write(`${COMMITTED_MARKER}\n`);
armed = true;
await store.commitBoundary(SECOND_BOUNDARY);
process.stdout.write('second-boundary-committed\n');
process.exitCode = 3;
