import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentEvent, checkContract } from '@rkat/contracts';
import { AgentError } from '../../src/agent/agent-error.js';
import { DEFAULT_RETRY_POLICY, isRetryableFailure, retryDelayMs } from '../../src/agent/retry.js';
import { runScripted, eventsOf, typesOf } from '../support/harness.js';
import { fail, llmError, stall, text } from '../support/scripted-llm.js';

const TIMEOUT = { timeout: 5_000 };
const POLICY = { maxRetries: 3, initialDelayMs: 500, maxDelayMs: 30_000, multiplier: 2, jitter: false };

void test('the default policy matches the original RetryPolicy, with the 300 s stall watchdog', () => {
  assert.deepEqual(DEFAULT_RETRY_POLICY, {
    maxRetries: 3,
    initialDelayMs: 500,
    maxDelayMs: 30_000,
    multiplier: 2,
    jitter: true,
    streamIdleTimeoutMs: 300_000,
  });
});

void test('back-off doubles, is capped, and jitter stays within ±10%', () => {
  const error = llmError('server_error', { status: 500 });
  assert.deepEqual(
    [1, 2, 3, 4].map((retry) => retryDelayMs(POLICY, retry, error)),
    [500, 1_000, 2_000, 4_000],
  );
  assert.equal(retryDelayMs({ ...POLICY, maxDelayMs: 1_500 }, 4, error), 1_500);
  const jittered = { ...POLICY, jitter: true };
  assert.equal(
    retryDelayMs(jittered, 1, error, () => 0),
    450,
  );
  assert.equal(
    retryDelayMs(jittered, 1, error, () => 1),
    550,
  );
});

void test('retry-after is used exactly, capped at max(maxDelayMs, 60 s)', () => {
  assert.equal(retryDelayMs(POLICY, 1, llmError('rate_limited', { retryAfterMs: 45_000 })), 45_000);
  assert.equal(retryDelayMs(POLICY, 1, llmError('rate_limited', { retryAfterMs: 600_000 })), 60_000);
  const longMax = { ...POLICY, maxDelayMs: 120_000 };
  assert.equal(retryDelayMs(longMax, 1, llmError('rate_limited', { retryAfterMs: 90_000 })), 90_000);
});

void test('only retryable LLM errors before visible output may be retried', () => {
  assert.equal(isRetryableFailure(llmError('rate_limited', { status: 429 }), false), true);
  assert.equal(isRetryableFailure(llmError('overloaded', { status: 529 }), false), true);
  assert.equal(isRetryableFailure(llmError('server_error', { status: 500 }), true), false);
  assert.equal(isRetryableFailure(llmError('invalid_request', { status: 400 }), false), false);
  assert.equal(isRetryableFailure(llmError('auth', { status: 401 }), false), false);
  assert.equal(isRetryableFailure(llmError('context_exceeded', { status: 400 }), false), false);
  assert.equal(isRetryableFailure(llmError('server_error', { status: 404 }), false), false);
  assert.equal(isRetryableFailure(new Error('plain'), false), false);
});

void test('a 429 with retry-after waits exactly that long before retrying', TIMEOUT, async () => {
  const run = await runScripted({
    steps: [fail(llmError('rate_limited', { status: 429, retryAfterMs: 2_000 })), text('ok')],
  });
  assert.equal(run.result?.text, 'ok');
  assert.deepEqual(eventsOf(run.events, 'retrying'), [
    { type: 'retrying', attempt: 1, max_attempts: 3, error: 'provider said rate_limited', delay_ms: 2_000 },
  ]);
  const [first, second] = run.llm.requests;
  assert.equal(
    (second?.at ?? 0) - (first?.at ?? 0),
    2_000,
    'the second call started after the advised delay',
  );
  assert.deepEqual(typesOf(run.events).slice(0, 3), ['run_started', 'turn_started', 'retrying']);
  assert.equal(eventsOf(run.events, 'turn_started').length, 1, 'a retry is not a new turn');
  assert.equal(run.result?.turns, 1);
});

void test('529 and 500 back off exponentially', TIMEOUT, async () => {
  const run = await runScripted({
    steps: [
      fail(llmError('overloaded', { status: 529 })),
      fail(llmError('server_error', { status: 500 })),
      text('ok'),
    ],
  });
  assert.equal(run.result?.text, 'ok');
  assert.deepEqual(
    eventsOf(run.events, 'retrying').map((event) => [event.attempt, event.delay_ms]),
    [
      [1, 500],
      [2, 1_000],
    ],
  );
  const times = run.llm.requests.map((request) => request.at);
  assert.deepEqual([(times[1] ?? 0) - (times[0] ?? 0), (times[2] ?? 0) - (times[1] ?? 0)], [500, 1_000]);
});

for (const [kind, status] of [
  ['invalid_request', 400],
  ['auth', 401],
] as const) {
  void test(`a ${status} is not retried and fails the run with llm_failure`, TIMEOUT, async () => {
    const run = await runScripted({ steps: [fail(llmError(kind, { status })), text('never')] });
    assert.equal(run.llm.requests.length, 1);
    assert.equal(eventsOf(run.events, 'retrying').length, 0);
    assert.ok(run.error instanceof AgentError);
    assert.equal(run.error.errorClass, 'llm');
    assert.equal(run.error.terminalCauseKind, 'llm_failure');
    assert.equal(run.error.message, `provider said ${kind}`);
    const failed = eventsOf(run.events, 'run_failed')[0];
    assert.equal(failed?.error_class, 'llm');
    assert.equal(failed?.terminal_cause_kind, 'llm_failure');
    assert.equal(typesOf(run.events).at(-1), 'run_failed');
    assert.equal(run.commits.length, 0, 'a failed first call commits nothing');
  });
}

void test('no retry after visible output', TIMEOUT, async () => {
  const run = await runScripted({
    steps: [fail(llmError('server_error', { status: 500 }), ['half an ans']), text('never')],
  });
  assert.equal(run.llm.requests.length, 1);
  assert.ok(run.error instanceof AgentError);
  assert.equal(run.error.terminalCauseKind, 'llm_failure');
  assert.deepEqual(typesOf(run.events), ['run_started', 'turn_started', 'text_delta', 'run_failed']);
});

void test('exhausted retries fail the run with retry_exhausted', TIMEOUT, async () => {
  const error = (): Error => llmError('overloaded', { status: 529 });
  const run = await runScripted({ steps: [fail(error()), fail(error()), fail(error()), fail(error())] });
  assert.equal(run.llm.requests.length, 4);
  assert.equal(eventsOf(run.events, 'retrying').length, 3);
  assert.ok(run.error instanceof AgentError);
  assert.equal(run.error.errorClass, 'llm');
  assert.equal(run.error.terminalCauseKind, 'retry_exhausted');
  assert.match(run.error.message, /after 3 retries/);
  const failed = eventsOf(run.events, 'run_failed')[0];
  assert.equal(failed?.terminal_cause_kind, 'retry_exhausted');
  assert.equal(failed?.error_report?.reason?.reason_type, 'llm_provider_error');
  assert.ok(checkContract(AgentEvent, failed).ok, 'run_failed matches the contract schema');
});

void test('a stalled stream is aborted by the watchdog and retried as stream_stalled', TIMEOUT, async () => {
  const run = await runScripted({
    retry: {
      maxRetries: 3,
      initialDelayMs: 500,
      maxDelayMs: 30_000,
      multiplier: 2,
      jitter: false,
      streamIdleTimeoutMs: 30_000,
    },
    steps: [stall(), text('recovered')],
  });
  assert.equal(run.result?.text, 'recovered');
  assert.equal(run.llm.requests[0]?.request.signal.aborted, true, 'the stalled request was aborted');
  const retrying = eventsOf(run.events, 'retrying')[0];
  assert.match(retrying?.error ?? '', /stream stalled: no event for 30000 ms/);
  assert.equal((run.llm.requests[1]?.at ?? 0) - (run.llm.requests[0]?.at ?? 0), 30_000 + 500);
});

void test(
  'the watchdog uses the 300 s default and a stall after output is not retried',
  TIMEOUT,
  async () => {
    const run = await runScripted({ steps: [stall(['some text']), text('never')] });
    assert.ok(run.error instanceof AgentError);
    assert.equal(run.error.terminalCauseKind, 'llm_failure');
    assert.match(run.error.message, /no event for 300000 ms/);
    assert.equal(run.llm.requests.length, 1);
  },
);
