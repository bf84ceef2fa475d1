import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openSqliteSessionStore, type CommitFaultPoint } from '../../src/index.js';
import {
  COMMITTED_MARKER,
  CRASH_INPUTS,
  CRASH_SESSION,
  FIRST_BOUNDARY,
  SECOND_BOUNDARY,
} from './crash-scenario.js';
import { makeTempDir } from '../support/temp-dir.js';

const CHILD = fileURLToPath(new URL('./crash-child.js', import.meta.url));

// Two kills inside the second commit: half-way through its writes, and with every write done but not
// yet committed. (Each child pays a cold start; fault-points.test.ts throws at every point in-process.)
const KILL_POINTS: readonly CommitFaultPoint[] = ['commit:after-messages', 'commit:before-commit'];

interface ChildExit {
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the crash child against `path`; it is killed (here or by itself) within the test's timeout. */
function runChild(path: string, point: CommitFaultPoint, signal: AbortSignal): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, path, point], {
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, exitSignal) => resolve({ code, signal: exitSignal, stdout, stderr }));
  });
}

/** After a SIGKILL inside the second commit, the file holds exactly the first boundary. */
async function checkSurvivor(path: string, point: CommitFaultPoint): Promise<void> {
  const store = await openSqliteSessionStore({ path });
  try {
    assert.deepEqual(
      await store.getSession(CRASH_SESSION.sessionId),
      {
        ...CRASH_SESSION,
        ...FIRST_BOUNDARY.sessionPatch,
        updatedAtMs: FIRST_BOUNDARY.updatedAtMs,
        usage: { ...CRASH_SESSION.usage, ...FIRST_BOUNDARY.usageDelta },
        messageCount: FIRST_BOUNDARY.messages.length,
        lastAssistantText: FIRST_BOUNDARY.lastAssistantText,
      },
      point,
    );
    assert.deepEqual(await store.readMessages(CRASH_SESSION.sessionId), FIRST_BOUNDARY.messages, point);
    assert.deepEqual(await store.pendingInputs(CRASH_SESSION.sessionId), [CRASH_INPUTS[1]], point);
    // Resumable: the interrupted boundary commits on top of what survived.
    await store.commitBoundary(SECOND_BOUNDARY);
    assert.equal((await store.getSession(CRASH_SESSION.sessionId))?.messageCount, 4, point);
  } finally {
    await store.close();
  }
}

void it(
  'a process killed mid-commit loses nothing committed and half-writes nothing',
  { timeout: 30_000 },
  async () => {
    const { dir, cleanup } = await makeTempDir();
    const abort = new AbortController();
    try {
      await Promise.all(
        KILL_POINTS.map(async (point) => {
          const path = join(dir, point.replace(':', '-'), 'sessions.sqlite3');
          const exit = await runChild(path, point, abort.signal);
          assert.equal(exit.signal, 'SIGKILL', `${point}: child exited ${String(exit.code)}: ${exit.stderr}`);
          assert.equal(exit.stdout, `${COMMITTED_MARKER}\n`, point);
          await checkSurvivor(path, point);
        }),
      );
    } finally {
      abort.abort();
      await cleanup();
    }
  },
);
