import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LlmError } from '@rkat/core';
import { RuntimeError, TurnFailedError, rpcErrorCodeOf, turnErrorMetadata } from '../../src/index.js';

const failed = (errorClass: TurnFailedError['errorClass']): TurnFailedError =>
  new TurnFailedError({ sessionId: 's', errorClass, reason: 'why' });

void test('runtime codes map to the contract table', () => {
  assert.equal(rpcErrorCodeOf(new RuntimeError('INVALID_CONFIG', 'x')), 'INVALID_PARAMS');
  assert.equal(rpcErrorCodeOf(new RuntimeError('INVALID_REALM', 'x')), 'INVALID_PARAMS');
  assert.equal(rpcErrorCodeOf(new RuntimeError('SESSION_BUSY', 'x')), 'SESSION_BUSY');
  assert.equal(rpcErrorCodeOf(new RuntimeError('TURN_FAILED', 'x')), 'AGENT_ERROR');
});

void test('a failed run keeps its class (00-decisions.md §7)', () => {
  assert.equal(rpcErrorCodeOf(failed('llm')), 'PROVIDER_ERROR');
  assert.equal(rpcErrorCodeOf(failed('build')), 'PROVIDER_ERROR');
  assert.equal(rpcErrorCodeOf(failed('budget')), 'BUDGET_EXHAUSTED');
  assert.equal(rpcErrorCodeOf(failed('hook')), 'HOOK_DENIED');
  assert.equal(rpcErrorCodeOf(failed('internal')), 'INTERNAL_ERROR');
  assert.equal(rpcErrorCodeOf(failed('max_turns')), 'AGENT_ERROR');
});

void test('turn error metadata carries the cause, identity and retryability', () => {
  const cause = new LlmError('overloaded', { kind: 'overloaded', provider: 'anthropic' });
  const error = new TurnFailedError({
    sessionId: 's',
    errorClass: 'llm',
    terminalCauseKind: 'retry_exhausted',
    reason: 'LLM request failed after 3 retries: overloaded',
    provider: 'anthropic',
    model: 'claude-opus-4-7',
    cause,
  });
  assert.equal(error.message, 'turn abandoned: LLM request failed after 3 retries: overloaded');
  assert.deepEqual(turnErrorMetadata(error), {
    kind: 'retry_exhausted',
    terminal: true,
    outcome: 'failed',
    detail: 'LLM request failed after 3 retries: overloaded',
    provider: 'anthropic',
    model: 'claude-opus-4-7',
    retryable: true,
  });
  assert.deepEqual(turnErrorMetadata(failed('hook')), {
    kind: 'unknown',
    terminal: true,
    outcome: 'failed',
    detail: 'why',
  });
});
