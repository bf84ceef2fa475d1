import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AGENT_EVENT_TYPES, AgentEvent, checkContract, type AgentEventType } from '../../src/index.js';
import { EVENT_EXAMPLES, SDK_REQUIRED } from './agent-event-examples.js';

const types = Object.keys(EVENT_EXAMPLES) as AgentEventType[];

function without(value: object, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value };
  delete copy[key];
  return copy;
}

void test('the catalog has exactly the 35 event types of 01 §8.2, each with an example', () => {
  assert.equal(AGENT_EVENT_TYPES.length, 35);
  assert.equal(new Set(AGENT_EVENT_TYPES).size, 35);
  assert.deepEqual([...AGENT_EVENT_TYPES].sort(), [...types].sort());
});

for (const type of types) {
  void test(`${type}: a valid example passes`, () => {
    const result = checkContract(AgentEvent, EVENT_EXAMPLES[type]);
    assert.deepEqual(result, { ok: true, value: EVENT_EXAMPLES[type] });
  });

  for (const field of SDK_REQUIRED[type]) {
    void test(`${type}: missing SDK-required \`${field}\` fails`, () => {
      const result = checkContract(AgentEvent, without(EVENT_EXAMPLES[type], field));
      assert.equal(result.ok, false);
    });
  }
}

void test('an unknown type, an unknown stop_reason and a non-boolean is_error fail', () => {
  assert.equal(checkContract(AgentEvent, { type: 'mystery' }).ok, false);
  assert.equal(
    checkContract(AgentEvent, { ...EVENT_EXAMPLES.turn_completed, stop_reason: 'done' }).ok,
    false,
  );
  assert.equal(
    checkContract(AgentEvent, { ...EVENT_EXAMPLES.tool_result_received, is_error: 'no' }).ok,
    false,
  );
});

void test('usage in events keeps both cache keys, null allowed', () => {
  const usage = { input_tokens: 1, output_tokens: 2, cache_creation_tokens: null, cache_read_tokens: null };
  assert.equal(checkContract(AgentEvent, { ...EVENT_EXAMPLES.turn_completed, usage }).ok, true);
  const { cache_read_tokens: _dropped, ...partial } = usage;
  assert.equal(checkContract(AgentEvent, { ...EVENT_EXAMPLES.turn_completed, usage: partial }).ok, false);
});

void test('nested typed payloads are checked: tool_config_changed status_info and skill failure reasons', () => {
  const changed = EVENT_EXAMPLES.tool_config_changed;
  const badStatus = {
    ...changed,
    payload: { ...changed.payload, status_info: { kind: 'boundary_applied' } },
  };
  assert.equal(checkContract(AgentEvent, badStatus).ok, false);
  const external = {
    ...changed,
    payload: { ...changed.payload, status_info: { kind: 'external_tool_delta', phase: 'draining' } },
  };
  assert.equal(checkContract(AgentEvent, external).ok, true);
  const failed = EVENT_EXAMPLES.skill_resolution_failed;
  assert.equal(checkContract(AgentEvent, { ...failed, reason: { reason_type: 'not_found' } }).ok, false);
  assert.equal(
    checkContract(AgentEvent, { ...failed, reason: { reason_type: 'unknown_skill_alias', alias: 'x' } }).ok,
    true,
  );
});
