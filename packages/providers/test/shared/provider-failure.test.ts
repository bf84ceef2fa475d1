import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyFailure, llmErrorFromFailure, type FailureInfo } from '../../src/shared/provider-failure.js';

const CASES: [FailureInfo, string][] = [
  [{ status: 429 }, 'rate_limited'],
  [{ status: 529 }, 'overloaded'],
  [{ status: 500, errorType: 'overloaded_error' }, 'overloaded'],
  [{ status: 500 }, 'server_error'],
  [{ status: 503 }, 'server_error'],
  [{ status: 400, message: 'bad field' }, 'invalid_request'],
  [{ status: 400, message: 'prompt is too long: 200001 tokens > 200000 maximum' }, 'context_exceeded'],
  [{ status: 400, errorType: 'context_length_exceeded', message: 'x' }, 'context_exceeded'],
  [
    { status: 400, message: 'The input token count (1048577) exceeds the maximum number of tokens' },
    'context_exceeded',
  ],
  [{ status: 401 }, 'auth'],
  [{ status: 403 }, 'permission'],
  [{ status: 404 }, 'not_found'],
  [{ status: 422 }, 'invalid_request'],
  [{ status: 429, message: 'too many tokens per minute' }, 'rate_limited'],
  [{ errorType: 'overloaded_error' }, 'overloaded'],
  [{ errorType: 'rate_limit_exceeded' }, 'rate_limited'],
  [{ errorType: 'RESOURCE_EXHAUSTED' }, 'rate_limited'],
  [{ errorType: 'invalid_request_error', message: 'nope' }, 'invalid_request'],
  [{ errorType: 'server_error' }, 'server_error'],
  [{ message: 'something odd' }, 'server_error'],
  [{ status: 400, kind: 'invalid_response' }, 'invalid_response'],
];

for (const [failure, kind] of CASES) {
  void test(`classifies ${JSON.stringify(failure)} as ${kind}`, () => {
    assert.equal(classifyFailure(failure), kind);
  });
}

void test('the error names provider and status, carries retryAfterMs, and never the key', () => {
  const key = 'sk-secret-123456';
  const error = llmErrorFromFailure(
    { status: 429, errorType: 'rate_limit_error', message: `slow down ${key}`, retryAfterMs: 2000 },
    { provider: 'anthropic', model: 'claude-opus-4-7', secrets: [key] },
  );
  assert.equal(error.kind, 'rate_limited');
  assert.equal(error.retryable, true);
  assert.equal(error.retryAfterMs, 2000);
  assert.equal(error.status, 429);
  assert.match(error.message, /^anthropic request failed \(HTTP 429\) \[rate_limit_error\]: slow down/);
  assert.ok(!error.message.includes(key));
});

void test('non-retryable kinds are flagged as such', () => {
  const context = { provider: 'openai' as const, model: 'gpt-5.5', secrets: [] };
  for (const status of [400, 401, 403, 404]) {
    assert.equal(llmErrorFromFailure({ status }, context).retryable, false, `status ${status}`);
  }
  assert.equal(llmErrorFromFailure({ status: 500 }, context).retryable, true);
});
