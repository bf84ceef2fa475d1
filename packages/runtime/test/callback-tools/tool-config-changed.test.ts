import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentEvent, ToolConfigChangedPayload, checkContract } from '@rkat/contracts';
import {
  externalToolChangeEvent,
  externalToolChangePayload,
  externalToolDeltaPayload,
} from '../../src/index.js';

void test('the external_tool_delta payload has the documented shape', () => {
  assert.deepEqual(externalToolDeltaPayload({ operation: 'add', target: 'lookup' }), {
    operation: 'add',
    target: 'lookup',
    status: 'applied',
    status_info: { kind: 'external_tool_delta', phase: 'applied' },
    persisted: false,
  });
  assert.deepEqual(
    externalToolDeltaPayload({
      operation: 'reload',
      target: 'x',
      detail: 'why',
      appliedAtTurn: 3,
      status: 'ok',
    }),
    {
      operation: 'reload',
      target: 'x',
      status: 'ok',
      status_info: { kind: 'external_tool_delta', phase: 'applied', detail: 'why' },
      persisted: false,
      applied_at_turn: 3,
    },
  );
});

void test('a registry change becomes add or reload with every changed name', () => {
  const added = externalToolChangePayload({ fromRevision: 0, revision: 1, added: ['a', 'b'], replaced: [] });
  assert.equal(added.operation, 'add');
  assert.equal(added.target, 'a, b');
  assert.deepEqual(added.status_info, {
    kind: 'external_tool_delta',
    phase: 'applied',
    detail: 'added: a, b (revision 1)',
  });
  const reloaded = externalToolChangePayload(
    { fromRevision: 1, revision: 3, added: ['c'], replaced: ['a'] },
    2,
  );
  assert.equal(reloaded.operation, 'reload');
  assert.equal(reloaded.target, 'c, a');
  assert.equal(reloaded.applied_at_turn, 2);
});

void test('the tool_config_changed event validates against the AgentEvent schema', () => {
  const event = externalToolChangeEvent({ fromRevision: 0, revision: 1, added: ['a'], replaced: [] }, 0);
  const checked = checkContract(AgentEvent, event);
  assert.ok(checked.ok, checked.ok ? '' : JSON.stringify(checked.issues));
  assert.equal(checkContract(ToolConfigChangedPayload, event.payload).ok, true);
  const broken = {
    ...event,
    payload: { ...event.payload, status_info: { kind: 'external_tool_delta', phase: 'done' } },
  };
  assert.equal(checkContract(AgentEvent, broken).ok, false);
});
