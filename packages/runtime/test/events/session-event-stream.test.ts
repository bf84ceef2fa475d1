import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionEventStream, sessionEnvelope, type StreamNotification } from '../../src/index.js';

const SESSION = '01890000-0000-7000-8000-0000000000aa';

function stream(capacity: number): { stream: SessionEventStream; ended: string[] } {
  const ended: string[] = [];
  const created = new SessionEventStream({
    streamId: '11111111-1111-4111-8111-111111111111',
    sessionId: SESSION,
    capacity,
    now: () => 1_700_000_000_000,
    onEnded: (done) => ended.push(done.streamId),
  });
  return { stream: created, ended };
}

function delta(seq: number) {
  return sessionEnvelope(SESSION, seq, { type: 'text_delta', delta: `d${seq}` }, 1_700_000_000_000);
}

async function drain(source: SessionEventStream): Promise<StreamNotification[]> {
  const seen: StreamNotification[] = [];
  for await (const notification of source) seen.push(notification);
  return seen;
}

void test('events are numbered from 1 per stream and the end comes last', { timeout: 5_000 }, async () => {
  const { stream: subject, ended } = stream(8);
  assert.deepEqual(subject.opened, { stream_id: subject.streamId, session_id: SESSION, opened: true });
  subject.push(delta(5));
  subject.push(delta(6));
  subject.close('remote_end');
  subject.push(delta(7));
  const seen = await drain(subject);
  assert.deepEqual(
    seen.map((item) => item.method),
    ['session/stream_event', 'session/stream_event', 'session/stream_end'],
  );
  const [first, second, end] = seen;
  assert.ok(first?.method === 'session/stream_event' && second?.method === 'session/stream_event');
  assert.deepEqual([first.params.sequence, second.params.sequence], [1, 2]);
  assert.equal(first.params.event.seq, 5, 'the envelope keeps the session seq');
  assert.equal(first.params.event.type, 'text_delta', 'the event object is flat and enveloped');
  assert.deepEqual(end?.params, {
    stream_id: subject.streamId,
    session_id: SESSION,
    ended: true,
    outcome: 'remote_end',
  });
  assert.deepEqual(ended, [subject.streamId]);
});

void test(
  'a slow reader loses events and then gets stream_truncated naming the drop count',
  { timeout: 5_000 },
  async () => {
    const { stream: subject } = stream(3);
    for (let seq = 1; seq <= 10; seq += 1) subject.push(delta(seq));
    assert.equal(subject.droppedPending, 7);
    const reader = subject[Symbol.asyncIterator]();
    const first = await reader.next();
    assert.ok(!first.done && first.value.method === 'session/stream_event');
    assert.equal(first.value.params.event.seq, 1);
    subject.push(delta(11));
    assert.equal(subject.droppedPending, 8, 'no room for a marker and an event yet');
    await reader.next();
    subject.push(delta(12));
    subject.push(delta(13));
    subject.close('explicit_close');
    const rest: StreamNotification[] = [];
    for (let next = await reader.next(); !next.done; next = await reader.next()) rest.push(next.value);
    const events = rest.flatMap((item) => (item.method === 'session/stream_event' ? [item.params] : []));
    assert.deepEqual(
      events.map((params) => [params.sequence, params.event.type, params.event.seq]),
      [
        [3, 'text_delta', 3],
        [4, 'stream_truncated', 11],
        [5, 'text_delta', 12],
        [6, 'stream_truncated', 13],
      ],
      'a marker takes the place of each gap; sequences have no holes',
    );
    const [, marker, , last] = events.map((params) => params.event);
    assert.ok(marker?.type === 'stream_truncated' && last?.type === 'stream_truncated');
    assert.match(marker.reason, /^8 events dropped/);
    assert.match(last.reason, /^1 events dropped/, 'drops before the end are reported before it');
    assert.equal(rest.at(-1)?.method, 'session/stream_end');
  },
);

void test(
  'a reader waiting for events is woken by the next event and by the end',
  { timeout: 5_000 },
  async () => {
    const { stream: subject } = stream(4);
    const reader = subject[Symbol.asyncIterator]();
    const pending = reader.next();
    subject.push(delta(1));
    const first = await pending;
    assert.equal(first.done, false);
    const waiting = reader.next();
    subject.close('explicit_close');
    const end = await waiting;
    assert.ok(!end.done && end.value.method === 'session/stream_end');
    assert.equal(end.value.params.outcome, 'explicit_close');
    assert.equal((await reader.next()).done, true);
  },
);

void test('a reader that stops iterating ends the stream', { timeout: 5_000 }, async () => {
  const { stream: subject, ended } = stream(4);
  subject.push(delta(1));
  for await (const notification of subject) {
    assert.equal(notification.method, 'session/stream_event');
    break;
  }
  assert.equal(subject.ended, true);
  assert.deepEqual(ended, [subject.streamId]);
  subject.push(delta(2));
  assert.equal((await subject.next()).done, true);
});
