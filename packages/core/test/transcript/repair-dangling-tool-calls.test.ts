import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionMessage } from '@rkat/contracts';
import {
  INTERRUPTED_TOOL_CALL_RESULT,
  repairDanglingToolCalls,
} from '../../src/transcript/repair-dangling-tool-calls.js';

const at = '2026-01-01T00:00:00.000Z';
const user: SessionMessage = { role: 'user', content: 'do it', created_at: at };
const callingTwo: SessionMessage = {
  role: 'block_assistant',
  blocks: [
    { block_type: 'text', data: { text: 'calling' } },
    { block_type: 'tool_use', data: { id: 'a', name: 'x', args: {} } },
    { block_type: 'tool_use', data: { id: 'b', name: 'y', args: {} } },
  ],
  stop_reason: 'tool_use',
  created_at: at,
};

void test('a transcript ending with unanswered tool calls gets interrupted error results', () => {
  const repair = repairDanglingToolCalls([user, callingTwo], Date.UTC(2026, 0, 2));
  assert.deepEqual(repair, [
    {
      role: 'tool_results',
      results: [
        { tool_use_id: 'a', content: INTERRUPTED_TOOL_CALL_RESULT, is_error: true },
        { tool_use_id: 'b', content: INTERRUPTED_TOOL_CALL_RESULT, is_error: true },
      ],
      created_at: '2026-01-02T00:00:00.000Z',
    },
  ]);
  assert.match(INTERRUPTED_TOOL_CALL_RESULT, /not executed again/);
});

void test('answered calls, plain replies and empty histories need no repair', () => {
  const answered: SessionMessage = {
    role: 'tool_results',
    results: [
      { tool_use_id: 'a', content: 'ok', is_error: false },
      { tool_use_id: 'b', content: 'ok', is_error: false },
    ],
    created_at: at,
  };
  assert.deepEqual(repairDanglingToolCalls([user, callingTwo, answered]), []);
  assert.deepEqual(repairDanglingToolCalls([]), []);
  const plain: SessionMessage = {
    role: 'block_assistant',
    blocks: [],
    stop_reason: 'end_turn',
    created_at: at,
  };
  assert.deepEqual(repairDanglingToolCalls([user, plain]), []);
});

void test('only the calls still missing a result are repaired, legacy assistant messages included', () => {
  const partial: SessionMessage = {
    role: 'tool_results',
    results: [{ tool_use_id: 'a', content: 'ok', is_error: false }],
    created_at: at,
  };
  const repaired = repairDanglingToolCalls([user, callingTwo, partial]);
  assert.deepEqual(
    repaired.flatMap((message) =>
      message.role === 'tool_results' ? message.results.map((r) => r.tool_use_id) : [],
    ),
    ['b'],
  );
  const legacy: SessionMessage = {
    role: 'assistant',
    content: '',
    tool_calls: [{ id: 'old', name: 'x', args: {} }],
    stop_reason: 'tool_use',
    created_at: at,
  };
  assert.equal(repairDanglingToolCalls([user, legacy]).length, 1);
});
