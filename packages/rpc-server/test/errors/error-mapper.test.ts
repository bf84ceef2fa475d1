import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuntimeError, TurnFailedError } from '@rkat/runtime';
import { mapRuntimeError, turnFailureRpcError } from '../../src/errors/error-mapper.js';

const failure = (errorClass: 'llm' | 'budget' | 'hook' | 'internal' | 'tool'): TurnFailedError =>
  new TurnFailedError({
    sessionId: 'session-1',
    errorClass,
    terminalCauseKind: 'llm_failure',
    reason: 'the provider said no',
    provider: 'anthropic',
    model: 'claude-opus-4-7',
  });

void test('runtime errors keep their contract code and message', () => {
  const mapped = mapRuntimeError(new RuntimeError('SESSION_BUSY', 'session is busy: s'))?.toErrorObject();
  assert.deepEqual(mapped, { code: -32002, message: 'session is busy: s' });
  assert.equal(
    mapRuntimeError(new RuntimeError('INVALID_CONFIG', 'Invalid config: x'))?.toErrorObject().code,
    -32602,
  );
  assert.equal(mapRuntimeError(new Error('boom')), undefined, 'anything else is an internal error');
});

void test('a failed run answers its class code with data.error, and data.session_id on create', () => {
  const codes = (['llm', 'budget', 'hook', 'internal', 'tool'] as const).map(
    (errorClass) => mapRuntimeError(failure(errorClass))?.toErrorObject().code,
  );
  assert.deepEqual(codes, [-32010, -32011, -32012, -32603, -32013]);
  const turn = mapRuntimeError(failure('llm'))?.toErrorObject();
  assert.equal(turn?.message, 'turn abandoned: the provider said no');
  assert.deepEqual(turn?.data, {
    error: {
      kind: 'llm_failure',
      terminal: true,
      outcome: 'failed',
      detail: 'the provider said no',
      provider: 'anthropic',
      model: 'claude-opus-4-7',
    },
  });
  const create = turnFailureRpcError(failure('llm'), { withSessionId: true }).toErrorObject();
  assert.equal((create.data as { session_id: string }).session_id, 'session-1');
});
