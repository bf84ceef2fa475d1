import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEnvelope, checkContract, type AgentEvent } from '@rkat/contracts';
import { SessionEventHub } from '../../src/index.js';

const SESSION = '01890000-0000-7000-8000-0000000000aa';
const OTHER = '01890000-0000-7000-8000-0000000000bb';
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

void test('every event is wrapped as the §8.1 envelope with seq per session', { timeout: 5_000 }, () => {
  const hub = new SessionEventHub({ now: () => 1_700_000_000_123 });
  const first = hub.publish(SESSION, { type: 'turn_started', turn_number: 0 });
  const second = hub.publish(SESSION, { type: 'text_delta', delta: 'hi' });
  const other = hub.publish(OTHER, { type: 'turn_started', turn_number: 0 });
  assert.ok(checkContract(EventEnvelope, first).ok);
  assert.match(first.event_id, UUID_V7);
  assert.notEqual(first.event_id, second.event_id);
  assert.deepEqual(first.source, { type: 'session', session_id: SESSION });
  assert.equal(first.source_id, `session:${SESSION}`);
  assert.equal(first.timestamp_ms, 1_700_000_000_123);
  assert.deepEqual([first.seq, second.seq, other.seq], [1, 2, 1]);
  hub.endSession(SESSION);
  assert.equal(hub.publish(SESSION, { type: 'text_delta', delta: 'x' }).seq, 1, 'a new instance restarts');
});

void test('the run listener comes first; a throwing listener harms nobody', { timeout: 5_000 }, () => {
  const hub = new SessionEventHub({ now: () => 1 });
  const order: string[] = [];
  hub.subscribe(() => {
    throw new Error('observer bug');
  });
  hub.subscribe((sessionId, event, envelope) => order.push(`service:${event.type}:${envelope.seq}`));
  const stream = hub.openStream(SESSION);
  const runListener = (event: AgentEvent): void => {
    order.push(`run:${event.type}`);
    throw new Error('caller bug');
  };
  hub.publish(SESSION, { type: 'turn_started', turn_number: 0 }, runListener);
  assert.deepEqual(order, ['run:turn_started', 'service:turn_started:1']);
  assert.equal(stream.ended, false);
  hub.close();
});
