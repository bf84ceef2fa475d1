import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AgentErrorReason,
  AgentErrorReport,
  checkContract,
  TurnErrorMetadata,
  type AgentErrorReason as Reason,
  type AgentErrorReasonType,
} from '../../src/index.js';

const REASONS: { [T in AgentErrorReasonType]: Extract<Reason, { reason_type: T }> } = {
  llm_rate_limited: { reason_type: 'llm_rate_limited', retry_after_ms: null },
  llm_context_exceeded: { reason_type: 'llm_context_exceeded', max: 200000, requested: 250000 },
  llm_auth_error: { reason_type: 'llm_auth_error' },
  llm_invalid_model: { reason_type: 'llm_invalid_model', model: 'gpt-0' },
  llm_provider_error: {
    reason_type: 'llm_provider_error',
    provider_error_kind: 'server_error',
    provider_error_retryability: 'retryable',
    provider_error: { status: 500 },
  },
  llm_network_timeout: { reason_type: 'llm_network_timeout', duration_ms: 30000 },
  llm_call_timeout: { reason_type: 'llm_call_timeout', duration_ms: 300000 },
  hook_denied: {
    reason_type: 'hook_denied',
    hook_id: null,
    point: 'pre_llm_request',
    reason_code: 'timeout',
  },
  hook_timeout: { reason_type: 'hook_timeout', hook_id: 'h', timeout_ms: 5000 },
  hook_execution_failed: { reason_type: 'hook_execution_failed', hook_id: 'h', reason: 'exit 2' },
  hook_config_invalid: { reason_type: 'hook_config_invalid', reason: 'background guardrail' },
  structured_output_validation_failed: {
    reason_type: 'structured_output_validation_failed',
    attempts: 3,
    reason: 'missing field',
  },
  invalid_output_schema: { reason_type: 'invalid_output_schema', reason: 'root must be an object' },
  auth_reauth_required: { reason_type: 'auth_reauth_required', binding_key: 'r:b', message: 'expired' },
  callback_pending: { reason_type: 'callback_pending', tool_name: 'lookup', args: { q: 1 } },
  turn_terminal_cause: { reason_type: 'turn_terminal_cause', outcome: 'failed', cause_kind: 'llm_failure' },
};

void test('every AgentErrorReason variant of 01 §8.2 passes', () => {
  const entries = Object.entries(REASONS);
  assert.equal(entries.length, 16);
  for (const [type, reason] of entries) assert.equal(checkContract(AgentErrorReason, reason).ok, true, type);
});

void test('the union is exact: unknown reason types and missing variant fields fail', () => {
  assert.equal(checkContract(AgentErrorReason, { reason_type: 'model_fallback_resume_held' }).ok, false);
  assert.equal(checkContract(AgentErrorReason, { reason_type: 'llm_context_exceeded', max: 1 }).ok, false);
  const badRetry = { ...REASONS.llm_provider_error, provider_error_retryability: 'maybe' };
  assert.equal(checkContract(AgentErrorReason, badRetry).ok, false);
  const badOutcome = { ...REASONS.turn_terminal_cause, outcome: 'exploded' };
  assert.equal(checkContract(AgentErrorReason, badOutcome).ok, false);
});

void test('AgentErrorReport: class and message required, reason optional', () => {
  assert.equal(checkContract(AgentErrorReport, { class: 'hook', message: 'denied' }).ok, true);
  const withReason = { class: 'hook', message: 'denied', reason: REASONS.hook_denied };
  assert.equal(checkContract(AgentErrorReport, withReason).ok, true);
  assert.equal(checkContract(AgentErrorReport, { class: 'weird', message: 'x' }).ok, false);
  assert.equal(checkContract(AgentErrorReport, { class: 'llm' }).ok, false);
});

void test('TurnErrorMetadata: kind and terminal required', () => {
  const metadata = {
    kind: 'llm_failure',
    terminal: true,
    outcome: 'failed',
    detail: '500',
    provider: 'anthropic',
    model: 'claude-opus-4-7',
    retryable: false,
  };
  assert.equal(checkContract(TurnErrorMetadata, metadata).ok, true);
  assert.equal(checkContract(TurnErrorMetadata, { kind: 'llm_failure', terminal: true }).ok, true);
  assert.equal(checkContract(TurnErrorMetadata, { kind: 'llm_failure' }).ok, false);
  assert.equal(checkContract(TurnErrorMetadata, { kind: 'tired', terminal: true }).ok, false);
});
