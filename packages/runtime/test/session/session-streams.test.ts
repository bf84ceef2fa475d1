import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionStreamEventParams, checkContract } from '@rkat/contracts';
import { parseStreamCloseParams, parseStreamOpenParams, type StreamNotification } from '../../src/index.js';
import { UNKNOWN_ID, harness, rejectsWith } from './session-harness.js';

void test(
  'a stream sees every run of its session; the run listener sees the same envelopes',
  { timeout: 10_000 },
  async () => {
    const { service } = harness({ steps: [{ text: 'one' }, { text: 'two' }] });
    const { sessionId } = await service.createSession();
    const other = await service.createSession();
    const stream = await service.openStream(parseStreamOpenParams({ session_id: sessionId }).sessionId);
    assert.deepEqual(stream.opened, { stream_id: stream.streamId, session_id: sessionId, opened: true });
    const runSeqs: number[] = [];
    await service.startTurn(sessionId, 'a', { onEvent: (_event, envelope) => runSeqs.push(envelope.seq) });
    await service.startTurn(other.sessionId, 'not mine');
    await service.startTurn(sessionId, 'b');
    assert.deepEqual(service.closeStream(parseStreamCloseParams({ stream_id: stream.streamId }).streamId), {
      stream_id: stream.streamId,
      closed: true,
      already_closed: false,
    });
    const seen: StreamNotification[] = [];
    for await (const notification of stream) seen.push(notification);
    const events = seen.flatMap((item) => (item.method === 'session/stream_event' ? [item.params] : []));
    assert.ok(events.every((params) => checkContract(SessionStreamEventParams, params).ok));
    assert.deepEqual(
      events.map((params) => params.sequence),
      events.map((_, index) => index + 1),
    );
    assert.deepEqual(
      events.map((params) => params.event.seq),
      events.map((_, index) => index + 1),
      'seq counts every event of the session instance',
    );
    assert.deepEqual(
      runSeqs,
      events.slice(0, runSeqs.length).map((params) => params.event.seq),
    );
    assert.equal(events.filter((params) => params.event.type === 'run_completed').length, 2);
    assert.ok(events.every((params) => params.session_id === sessionId));
    const end = seen.at(-1);
    assert.ok(end?.method === 'session/stream_end');
    assert.equal(end.params.outcome, 'explicit_close');
    assert.equal(service.closeStream(stream.streamId).already_closed, true);
  },
);

void test(
  'stream errors: unknown session, strict params, invalid stream ids',
  { timeout: 10_000 },
  async () => {
    const { service } = harness();
    await assert.rejects(
      service.openStream(UNKNOWN_ID),
      rejectsWith('SESSION_NOT_FOUND', `Session not found: ${UNKNOWN_ID}`),
    );
    assert.throws(
      () => parseStreamOpenParams({ session_id: UNKNOWN_ID, extra: 1 }),
      rejectsWith('INVALID_PARAMS', 'Invalid params: unknown field `extra`'),
    );
    assert.throws(
      () => parseStreamCloseParams({}),
      rejectsWith('INVALID_PARAMS', 'Invalid params: missing field `stream_id`'),
    );
    assert.throws(() => service.closeStream('42'), rejectsWith('INVALID_PARAMS', 'Invalid stream_id: 42'));
  },
);

void test('a slow stream reader never slows or starves the run', { timeout: 10_000 }, async () => {
  const { service } = harness({ streamCapacity: 2, steps: [{ text: 'long answer' }] });
  const { sessionId } = await service.createSession();
  const stream = await service.openStream(sessionId);
  const runEvents: string[] = [];
  const result = await service.startTurn(sessionId, 'go', { onEvent: (event) => runEvents.push(event.type) });
  assert.equal(result.text, 'long answer');
  assert.ok(runEvents.length > 3, 'the run listener got every event');
  service.closeStream(stream.streamId);
  const types: string[] = [];
  for await (const notification of stream) {
    types.push(notification.method === 'session/stream_end' ? 'end' : notification.params.event.type);
  }
  assert.deepEqual(types.slice(0, 2), runEvents.slice(0, 2));
  assert.equal(types[2], 'stream_truncated');
  assert.equal(types.at(-1), 'end');
});
