import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REMEMBERED_ENDED_STREAMS, RuntimeError, SessionEventHub } from '../../src/index.js';

const SESSION = '01890000-0000-7000-8000-0000000000aa';
const OTHER = '01890000-0000-7000-8000-0000000000bb';

void test('stream ids are UUID v4 and close answers per the contract', { timeout: 5_000 }, async () => {
  const hub = new SessionEventHub({ now: () => 1 });
  const stream = hub.openStream(SESSION);
  assert.match(stream.streamId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(hub.closeStream(stream.streamId), {
    stream_id: stream.streamId,
    closed: true,
    already_closed: false,
  });
  const [end] = [await stream.next()];
  assert.ok(!end.done && end.value.method === 'session/stream_end');
  assert.equal(end.value.params.outcome, 'explicit_close');
  assert.equal(hub.closeStream(stream.streamId).already_closed, true, 'an ended stream, once');
  assert.equal(hub.closeStream(stream.streamId).already_closed, false, 'then it is unknown');
  assert.equal(hub.closeStream('22222222-2222-4222-8222-222222222222').already_closed, false);
  assert.throws(
    () => hub.closeStream('nope'),
    (error: unknown) =>
      RuntimeError.is(error, 'INVALID_PARAMS') && (error as Error).message === 'Invalid stream_id: nope',
  );
});

void test('ending a session ends only its streams, with remote_end', { timeout: 5_000 }, async () => {
  const hub = new SessionEventHub({ now: () => 1 });
  const mine = hub.openStream(SESSION);
  const other = hub.openStream(OTHER);
  hub.publish(SESSION, { type: 'turn_started', turn_number: 0 });
  hub.endSession(SESSION);
  const event = await mine.next();
  assert.ok(!event.done && event.value.method === 'session/stream_event');
  const end = await mine.next();
  assert.ok(!end.done && end.value.method === 'session/stream_end');
  assert.equal(end.value.params.outcome, 'remote_end');
  assert.equal(other.ended, false);
  assert.equal(hub.closeStream(mine.streamId).already_closed, true);
  hub.close();
  assert.equal(other.ended, true, 'closing the hub ends every stream');
});

void test('only the last 1024 ended streams are remembered', { timeout: 10_000 }, () => {
  const hub = new SessionEventHub({ now: () => 1 });
  const ids: string[] = [];
  for (let index = 0; index <= REMEMBERED_ENDED_STREAMS; index += 1) {
    const stream = hub.openStream(SESSION);
    ids.push(stream.streamId);
  }
  hub.endSession(SESSION);
  assert.equal(hub.closeStream(ids[0] as string).already_closed, false, 'the oldest is forgotten');
  assert.equal(hub.closeStream(ids[1] as string).already_closed, true);
  assert.equal(hub.closeStream(ids.at(-1) as string).already_closed, true);
});
