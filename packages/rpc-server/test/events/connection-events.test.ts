import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionEventHub } from '@rkat/runtime';
import { reportDroppedEvents, requestRunObserver } from '../../src/events/connection-events.js';
import { StreamForwarder } from '../../src/events/stream-forwarder.js';
import { silentLogger } from '../../src/transport/index.js';
import { FakeConnection } from '../support/fake-connection.js';

const SESSION = '01a22276-75c6-719f-8985-00c9d65a684b';

void test('a run observer sends each event as session/event with envelope and flat fields', () => {
  const connection = new FakeConnection();
  const hub = new SessionEventHub({ now: () => 1000 });
  const observer = requestRunObserver(connection.context());
  hub.publish(SESSION, { type: 'text_delta', delta: 'hi' }, observer.onEvent);
  const [sent] = connection.sent;
  assert.equal(sent?.method, 'session/event');
  assert.equal(sent?.kind, 'event');
  assert.equal(sent?.streamKey, SESSION);
  const event = sent?.params.event as Record<string, unknown>;
  assert.equal(sent?.params.session_id, SESSION);
  assert.deepEqual(
    [event.type, event.delta, event.seq, event.source_id],
    ['text_delta', 'hi', 1, `session:${SESSION}`],
  );
  assert.deepEqual(event.payload, { type: 'text_delta', delta: 'hi' });
});

void test('dropped session/events are reported once with a control stream_truncated event', () => {
  const connection = new FakeConnection();
  const hub = new SessionEventHub({ now: () => 1000 });
  const observer = requestRunObserver(connection.context());
  connection.dropEvents = true;
  for (const delta of ['a', 'b', 'c']) hub.publish(SESSION, { type: 'text_delta', delta }, observer.onEvent);
  connection.dropEvents = false;
  reportDroppedEvents(3, [{ streamKey: SESSION, method: 'session/event', count: 3 }], connection);
  const [marker] = connection.queued();
  assert.equal(marker?.kind, 'control');
  const event = marker?.params.event as Record<string, unknown>;
  assert.equal(event.type, 'stream_truncated');
  assert.match(String(event.reason), /^3 events dropped/);
  assert.equal(event.seq, 3, 'the marker carries the seq of the last dropped event');
});

void test('a stream forwarder numbers what it queued, reuses dropped numbers and marks the gap', async () => {
  const connection = new FakeConnection();
  const hub = new SessionEventHub({ now: () => 1000 });
  const stream = hub.openStream(SESSION);
  const forwarder = new StreamForwarder(stream, connection);
  const done = forwarder.run(silentLogger);
  const publish = async (delta: string): Promise<void> => {
    hub.publish(SESSION, { type: 'text_delta', delta });
    await new Promise((resolve) => setImmediate(resolve));
  };
  await publish('one');
  connection.dropEvents = true;
  await publish('lost');
  connection.dropEvents = false;
  reportDroppedEvents(
    1,
    [{ streamKey: stream.streamId, method: 'session/stream_event', count: 1 }],
    connection,
  );
  await publish('two');
  hub.closeStream(stream.streamId);
  await done;
  const queued = connection.queued();
  assert.deepEqual(
    queued.map((entry) => [entry.method, entry.kind, entry.params.sequence ?? null]),
    [
      ['session/stream_event', 'event', 1],
      ['session/stream_event', 'control', 2],
      ['session/stream_event', 'event', 3],
      ['session/stream_end', 'control', null],
    ],
  );
  const marker = queued[1]?.params.event as Record<string, unknown>;
  assert.equal(marker.type, 'stream_truncated');
  assert.equal(marker.seq, 2);
  assert.equal(queued[3]?.params.outcome, 'explicit_close');
});
