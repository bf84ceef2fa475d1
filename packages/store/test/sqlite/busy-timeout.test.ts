import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { assistantText, sampleRecord, userMessage, zeroUsage } from '@rkat/testing/conformance';
import { openSqliteSessionStore } from '../../src/index.js';
import { makeTempDir } from '../support/temp-dir.js';

const HOLD_MS = 400;

// Another connection (a second process in production) holds the write lock for HOLD_MS; better-sqlite3
// is synchronous, so the holder lives on another thread. The worker's body is plain JS: it runs as is.
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.exec('BEGIN IMMEDIATE');
db.prepare("UPDATE sessions SET updated_at_ms = updated_at_ms WHERE session_id = 's1'").run();
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
db.exec('COMMIT');
db.close();
parentPort.postMessage('released');
`;

void it(
  'R10 sessions-under-load: a write waits out the lock another connection holds (WAL + busy timeout) instead of failing SQLITE_BUSY',
  { timeout: 20_000 },
  async () => {
    const { dir, cleanup } = await makeTempDir();
    const path = join(dir, 'sessions.sqlite3');
    const store = await openSqliteSessionStore({ path });
    try {
      await store.createSession(sampleRecord('s1'));
      const worker = new Worker(HOLDER, {
        eval: true,
        workerData: {
          path,
          holdMs: HOLD_MS,
          driver: fileURLToPath(import.meta.resolve('better-sqlite3')),
        },
      });
      const events: string[] = [];
      const released = new Promise<void>((resolve, reject) => {
        worker.on('message', (message: string) => {
          events.push(message);
          if (message === 'released') resolve();
        });
        worker.on('error', reject);
      });
      await new Promise<void>((resolve) => worker.once('message', () => resolve()));
      // Reads are not blocked by the writer (WAL)...
      assert.equal((await store.getSession('s1'))?.messageCount, 0);
      // ...and the write waits for the lock rather than failing.
      const started = Date.now();
      await store.commitBoundary({
        sessionId: 's1',
        expectedMessageCount: 0,
        messages: [userMessage('q'), assistantText('a')],
        usageDelta: zeroUsage(),
        updatedAtMs: 5,
      });
      assert.ok(
        Date.now() - started >= HOLD_MS / 2,
        `the commit waited for the lock (${Date.now() - started} ms)`,
      );
      await released;
      assert.deepEqual(events, ['locked', 'released']);
      assert.equal((await store.getSession('s1'))?.messageCount, 2);
      await worker.terminate();
    } finally {
      await store.close();
      await cleanup();
    }
  },
);
