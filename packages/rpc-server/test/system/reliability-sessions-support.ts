import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  occurrences,
  readHistory,
  readSession,
  type CrashHarness,
  type RpcClient,
} from '@rkat/testing/process-harness';
import { randomUUID } from 'node:crypto';
import { scripted, sessionEvents } from './support.js';

// Helpers of the reliability-sessions-* process tests (rows 4, 6, 7).

/** The bound on a graceful exit: the server's 4 s shutdown budget plus process start-up slack. */
export const EXIT_BOUND_MS = 15_000;

/** The leases directory of the harness's realm. */
export function leasesDirectory(harness: CrashHarness): string {
  return join(harness.stateRoot, harness.realm, 'leases');
}

/** The lease file of an `--instance`. */
export function leaseOf(harness: CrashHarness, instance: string): string {
  return join(leasesDirectory(harness), `${instance}.json`);
}

/** Whether an OS process with this id exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls `condition` until it holds; fails after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  timeoutMs = EXIT_BOUND_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until a session's run has streamed a text delta (from line `from` on). */
export async function streaming(client: RpcClient, sessionId: string, from: number): Promise<void> {
  await client.waitFor(
    () =>
      sessionEvents(client, sessionId).some(
        ({ index, event }) => index >= from && event.type === 'text_delta',
      ),
    'the turn to stream',
  );
}

/** Creates a session whose first turn answers `ok`. */
export async function createSession(client: RpcClient): Promise<string> {
  return (await client.call<{ session_id: string }>('session/create', { prompt: scripted([{ text: 'ok' }]) }))
    .session_id;
}

/** A fresh process resumes the session; `absent` must not reach the model again, even as history. */
export async function assertResumable(
  harness: CrashHarness,
  sessionId: string,
  absent: string,
): Promise<void> {
  const next = harness.launch();
  assert.equal((await readSession(next, sessionId)).is_active, false);
  const text = `resumed-${randomUUID()}`;
  const resumed = await next.call<{ text: string }>('turn/start', {
    session_id: sessionId,
    prompt: scripted([{ text }]),
  });
  assert.equal(resumed.text, text);
  assert.equal(
    occurrences(harness.fixture.fake.requests.at(-1)?.body, absent),
    0,
    'the stopped input is settled',
  );
  assert.equal(occurrences((await readHistory(next, sessionId)).messages, absent), 0);
  assert.deepEqual(await next.close(), { code: 0, signal: null });
}
