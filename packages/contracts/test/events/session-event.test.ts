import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkContract,
  EventEnvelope,
  SessionEventObject,
  SessionEventParams,
  toSessionEventObject,
  type AgentEvent,
} from '../../src/index.js';
import { ALL_EXAMPLES, EVENT_EXAMPLES } from './agent-event-examples.js';

const sessionId = '01950000-0000-7000-8000-000000000001';

function envelope<E extends AgentEvent>(payload: E, seq = 1) {
  return {
    event_id: '01950000-0000-7000-8000-0000000000aa',
    source: { type: 'session' as const, session_id: sessionId },
    source_id: `session:${sessionId}`,
    seq,
    timestamp_ms: 1_700_000_000_000,
    payload,
  };
}

void test('the envelope carries the AgentEvent under payload', () => {
  assert.equal(checkContract(EventEnvelope, envelope(EVENT_EXAMPLES.text_delta)).ok, true);
  const { source: _source, ...noSource } = envelope(EVENT_EXAMPLES.text_delta);
  assert.equal(checkContract(EventEnvelope, noSource).ok, false);
  const badSource = { ...envelope(EVENT_EXAMPLES.text_delta), source: { type: 'session' } };
  assert.equal(checkContract(EventEnvelope, badSource).ok, false);
});

void test('toSessionEventObject copies the payload fields, type included, next to the envelope', () => {
  const input = envelope(EVENT_EXAMPLES.text_delta, 7);
  const flat = toSessionEventObject(input);
  assert.equal(flat.type, 'text_delta');
  assert.equal(flat.delta, 'Hel');
  assert.equal(flat.seq, 7);
  assert.deepEqual(flat.payload, EVENT_EXAMPLES.text_delta);
  assert.deepEqual(input, envelope(EVENT_EXAMPLES.text_delta, 7), 'the envelope is not mutated');
});

void test('tool_config_changed: the envelope payload wins over the event payload', () => {
  const event = EVENT_EXAMPLES.tool_config_changed;
  const flat = toSessionEventObject(envelope(event));
  assert.equal(flat.type, 'tool_config_changed');
  assert.deepEqual(flat.payload, event, 'payload is the whole AgentEvent');
  assert.equal(flat.payload.payload.target, 'filesystem', 'the change stays reachable under payload.payload');
  assert.equal('operation' in flat, false);
});

void test('hook_denied: the envelope payload wins; the other hook fields are copied', () => {
  const event = EVENT_EXAMPLES.hook_denied;
  const flat = toSessionEventObject(envelope(event));
  assert.deepEqual(flat.payload, event);
  assert.equal(flat.hook_id, 'h1');
  assert.equal(flat.reason_code, 'policy_violation');
  assert.equal(flat.message, 'no shell');
});

void test('every flattened example validates as a SessionEventObject and as session/event params', () => {
  for (const event of ALL_EXAMPLES) {
    const flat = toSessionEventObject(envelope(event));
    const checked = checkContract(SessionEventObject, flat);
    assert.equal(checked.ok, true, `${event.type}: ${JSON.stringify(checked)}`);
    assert.equal(checkContract(SessionEventParams, { session_id: sessionId, event: flat }).ok, true);
  }
});

void test('a flat object missing its type or an event field fails', () => {
  const flat = toSessionEventObject(envelope(EVENT_EXAMPLES.text_delta));
  const { type: _type, ...noType } = flat;
  assert.equal(checkContract(SessionEventObject, noType).ok, false);
  const { delta: _delta, ...noDelta } = flat;
  assert.equal(checkContract(SessionEventObject, noDelta).ok, false);
});

void test('a __proto__ key in a payload stays an inert own property', () => {
  const payload = JSON.parse('{"type":"text_delta","delta":"x","__proto__":{"polluted":true}}') as AgentEvent;
  const flat = toSessionEventObject(envelope(payload)) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(flat), Object.prototype);
  assert.equal((flat as { polluted?: unknown }).polluted, undefined);
  assert.equal(Object.hasOwn(flat, '__proto__'), true);
});
