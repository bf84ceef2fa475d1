import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentError } from '../../src/agent/agent-error.js';
import { runScripted, eventsOf, typesOf } from '../support/harness.js';
import { fail, llmError, stall, text, toolCalls } from '../support/scripted-llm.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeTools, answersAfter } from '../support/fake-tools.js';

const TIMEOUT = { timeout: 5_000 };

function assertCancelled(error: unknown): void {
  assert.ok(error instanceof AgentError);
  assert.equal(error.errorClass, 'cancelled');
}

void test('an interrupt during a model call cancels it and commits nothing', TIMEOUT, async () => {
  const controller = new AbortController();
  const run = await runScripted({
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type === 'text_delta') queueMicrotask(() => controller.abort());
    },
    steps: [stall(['partial'])],
  });
  assertCancelled(run.error);
  assert.equal(run.llm.requests[0]?.request.signal.aborted, true);
  assert.deepEqual(typesOf(run.events), ['run_started', 'turn_started', 'text_delta', 'run_failed']);
  assert.deepEqual(eventsOf(run.events, 'run_failed')[0], {
    type: 'run_failed',
    session_id: 'session-1',
    error_class: 'cancelled',
    error: 'request cancelled',
    error_report: { class: 'cancelled', message: 'request cancelled' },
  });
  assert.equal(run.commits.length, 0);
});

void test('an interrupt during a retry wait ends the wait and the run', TIMEOUT, async () => {
  const controller = new AbortController();
  const clock = new FakeClock();
  const run = await runScripted({
    clock,
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type === 'retrying') queueMicrotask(() => controller.abort());
    },
    steps: [fail(llmError('rate_limited', { retryAfterMs: 20_000 })), text('never')],
  });
  assertCancelled(run.error);
  assert.equal(run.llm.requests.length, 1, 'no call after the interrupted wait');
  assert.ok(clock.now() - (run.llm.requests[0]?.at ?? 0) < 20_000, 'the wait did not run to its end');
  assert.equal(typesOf(run.events).at(-1), 'run_failed');
});

void test('an interrupt during a tool commits interrupted results and aborts the tool', TIMEOUT, async () => {
  const controller = new AbortController();
  const clock = new FakeClock();
  const tools = new FakeTools({
    fast: { run: answersAfter(clock, 5, 'fast done') },
    slow: { run: answersAfter(clock, 10_000, 'slow done') },
  });
  const run = await runScripted({
    clock,
    tools,
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type === 'tool_execution_completed') queueMicrotask(() => controller.abort());
    },
    steps: [
      toolCalls([
        { id: 'f', name: 'fast' },
        { id: 's', name: 'slow' },
      ]),
      text('never'),
    ],
  });
  assertCancelled(run.error);
  assert.equal(tools.executed[1]?.signal.aborted, true);
  assert.equal(run.commits.length, 2);
  const results = run.commits[1]?.messages[0];
  assert.equal(results?.role, 'tool_results');
  assert.deepEqual(
    results?.role === 'tool_results'
      ? results.results.map((result) => [result.tool_use_id, result.is_error])
      : [],
    [
      ['f', false],
      ['s', true],
    ],
  );
  assert.match(String(results?.role === 'tool_results' ? results.results[1]?.content : ''), /^interrupted/);
  assert.equal(run.commits[1]?.final, false);
  assert.equal(run.llm.requests.length, 1);
  assert.equal(typesOf(run.events).at(-1), 'run_failed');
});

void test('an already aborted signal fails the run before any model output', TIMEOUT, async () => {
  const controller = new AbortController();
  controller.abort();
  const run = await runScripted({ signal: controller.signal, steps: [text('never')] });
  assertCancelled(run.error);
  assert.equal(run.commits.length, 0);
});

void test('an interrupt during extraction fails the run as cancelled', TIMEOUT, async () => {
  const controller = new AbortController();
  const run = await runScripted({
    signal: controller.signal,
    outputSchema: { schema: { type: 'object' }, name: 'output', strict: false },
    onEvent: (event) => {
      if (event.type === 'run_completed') queueMicrotask(() => controller.abort());
    },
    steps: [text('main'), stall()],
  });
  assertCancelled(run.error);
  assert.deepEqual(typesOf(run.events).slice(-2), ['run_completed', 'run_failed']);
  assert.equal(run.commits.length, 1, 'the main reply stays committed');
});
