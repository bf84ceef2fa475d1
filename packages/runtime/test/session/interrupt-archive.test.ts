import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNKNOWN_ID, harness, rejectsWith } from './session-harness.js';

void test(
  'interrupt: a no-op when idle or pending; cancels a running turn',
  { timeout: 10_000 },
  async () => {
    const { service, llm } = harness({ steps: [{ hang: true }] });
    const pending = await service.createSession({ prompt: 'later', initialTurn: 'deferred' });
    assert.equal(await service.interrupt(pending.sessionId), false);
    const { sessionId } = await service.createSession();
    assert.equal(await service.interrupt(sessionId), false);
    const running = service.startTurn(sessionId, 'slow');
    await llm.hanging;
    assert.equal(await service.interrupt(sessionId), true);
    await assert.rejects(running, rejectsWith('REQUEST_CANCELLED', 'request cancelled'));
    await assert.rejects(
      service.interrupt(UNKNOWN_ID),
      rejectsWith('SESSION_NOT_FOUND', `Session not found: ${UNKNOWN_ID}`),
    );
    await service.archive(sessionId);
    await assert.rejects(
      service.interrupt(sessionId),
      rejectsWith('SESSION_NOT_FOUND', `Session not found: ${sessionId}`),
    );
  },
);

void test('archive stops the run, hides the session and ends its streams', { timeout: 10_000 }, async () => {
  const { service, llm } = harness({ steps: [{ text: 'first' }, { hang: true }] });
  const { sessionId } = await service.createSession({ labels: { team: 'a' } });
  await service.startTurn(sessionId, 'one');
  const stream = await service.openStream(sessionId);
  const running = service.startTurn(sessionId, 'two');
  await llm.hanging;
  await service.archive(sessionId);
  await assert.rejects(running, rejectsWith('REQUEST_CANCELLED', 'request cancelled'));
  const seen: string[] = [];
  for await (const notification of stream) {
    seen.push(
      notification.method === 'session/stream_end'
        ? `end:${notification.params.outcome}`
        : notification.params.event.type,
    );
  }
  assert.equal(seen.at(-1), 'end:remote_end');
  assert.equal(seen[0], 'run_started');
  assert.deepEqual(await service.listSessions(), [], 'hidden from the list');
  const info = await service.readSession(sessionId);
  assert.equal(info.archived, true);
  assert.equal(info.lastAssistantText, 'first');
  assert.equal((await service.readHistory(sessionId)).messages.length >= 2, true, 'history stays readable');
  const notFound = rejectsWith('SESSION_NOT_FOUND', `Session not found: ${sessionId}`);
  await assert.rejects(service.startTurn(sessionId, 'three'), notFound);
  await assert.rejects(service.archive(sessionId), notFound);
  await assert.rejects(service.forkAt(sessionId, 0), notFound);
  await assert.rejects(
    service.openStream(sessionId),
    rejectsWith('INVALID_PARAMS', `Failed to subscribe to session events: session ${sessionId} is archived`),
  );
  await assert.rejects(
    service.archive(UNKNOWN_ID),
    rejectsWith('SESSION_NOT_FOUND', `Session not found: ${UNKNOWN_ID}`),
  );
});

void test('locators: bare or realm-qualified; the exact errors otherwise', { timeout: 10_000 }, async () => {
  const { service } = harness();
  const { sessionId, sessionRef } = await service.createSession();
  assert.equal((await service.readSession(sessionRef)).sessionId, sessionId);
  assert.equal((await service.readSession(sessionId.toUpperCase())).sessionId, sessionId);
  await assert.rejects(
    service.readSession(`elsewhere:${sessionId}`),
    rejectsWith(
      'INVALID_PARAMS',
      `Session locator realm 'elsewhere' does not match active runtime realm 'test-realm'`,
    ),
  );
  await assert.rejects(
    service.readSession('not-a-uuid'),
    rejectsWith('INVALID_PARAMS', "Invalid session_id 'not-a-uuid': expected a UUID or <realm>:<uuid>"),
  );
});
