import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentEvent } from '@rkat/contracts';
import { BudgetTracker } from '../../src/agent/budget.js';
import { runScripted, eventsOf, typesOf } from '../support/harness.js';
import { after, stall, text, toolCalls, usage } from '../support/scripted-llm.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeTools, answersAfter } from '../support/fake-tools.js';

const TIMEOUT = { timeout: 5_000 };

void test('BudgetTracker warns once at the threshold and once at the limit per budget type', () => {
  const events: AgentEvent[] = [];
  const tracker = new BudgetTracker({ maxTokens: 100, maxToolCalls: 2 }, 0, (event) => events.push(event));
  tracker.recordTokens(50);
  assert.equal(events.length, 0);
  tracker.recordTokens(30);
  tracker.recordTokens(5);
  assert.deepEqual(events, [
    { type: 'budget_warning', budget_type: 'tokens', used: 80, limit: 100, percent: 0.8 },
  ]);
  assert.equal(tracker.reached(0), undefined);
  tracker.recordTokens(20);
  assert.deepEqual(events.at(-1), {
    type: 'budget_warning',
    budget_type: 'tokens',
    used: 105,
    limit: 100,
    percent: 1,
  });
  assert.equal(tracker.reached(0), 'budget_exhausted');
  tracker.recordToolCalls(2);
  assert.deepEqual(
    events.slice(2).map((event) => (event.type === 'budget_warning' ? event.percent : -1)),
    [1, 1],
    'a jump past both marks emits both warnings',
  );
  assert.equal(events.length, 4);
});

void test('BudgetTracker reports the time budget with its deadline', () => {
  const events: AgentEvent[] = [];
  const tracker = new BudgetTracker({ maxDurationMs: 1_000, warningThreshold: 0.5 }, 5_000, (e) =>
    events.push(e),
  );
  assert.equal(tracker.deadlineMs, 6_000);
  assert.equal(tracker.reached(5_400), undefined);
  assert.equal(events.length, 0);
  assert.equal(tracker.reached(5_600), undefined);
  assert.deepEqual(events, [
    { type: 'budget_warning', budget_type: 'time', used: 600, limit: 1_000, percent: 0.6 },
  ]);
  assert.equal(tracker.reached(6_000), 'time_budget_exceeded');
  assert.equal(events.length, 2);
});

void test('the token budget ends the run successfully after the round that reached it', TIMEOUT, async () => {
  const tools = new FakeTools({ look: { run: () => Promise.resolve({ content: 'seen', isError: false }) } });
  const run = await runScripted({
    tools,
    budget: { maxTokens: 100 },
    steps: [
      toolCalls([{ id: 'a', name: 'look' }], { text: 'looking', usage: usage(50, 35) }),
      toolCalls([{ id: 'b', name: 'look' }], { text: 'looking again', usage: usage(10, 10) }),
      text('never asked'),
    ],
  });
  assert.equal(run.error, undefined);
  assert.equal(run.llm.requests.length, 2);
  assert.deepEqual(eventsOf(run.events, 'budget_warning'), [
    { type: 'budget_warning', budget_type: 'tokens', used: 85, limit: 100, percent: 0.85 },
    { type: 'budget_warning', budget_type: 'tokens', used: 105, limit: 100, percent: 1 },
  ]);
  assert.equal(run.result?.terminalCauseKind, 'budget_exhausted');
  assert.equal(run.result?.text, 'looking again');
  assert.equal(eventsOf(run.events, 'turn_completed').length, 0);
  assert.deepEqual(eventsOf(run.events, 'run_completed')[0]?.terminal_cause_kind, 'budget_exhausted');
  assert.equal(typesOf(run.events).at(-1), 'run_completed');
  const last = run.commits.at(-1);
  assert.equal(last?.final, true);
  assert.deepEqual(
    last?.messages.map((message) => message.role),
    ['tool_results'],
  );
});

void test('the tool-call budget warns at 80% and ends the run at its limit', TIMEOUT, async () => {
  const tools = new FakeTools({ t: { run: () => Promise.resolve({ content: 'ok', isError: false }) } });
  const four = ['1', '2', '3', '4'].map((id) => ({ id, name: 't' }));
  const run = await runScripted({
    tools,
    budget: { maxToolCalls: 5 },
    steps: [toolCalls(four), toolCalls([{ id: '5', name: 't' }]), text('never asked')],
  });
  assert.equal(run.error, undefined);
  assert.deepEqual(eventsOf(run.events, 'budget_warning'), [
    { type: 'budget_warning', budget_type: 'tool_calls', used: 4, limit: 5, percent: 0.8 },
    { type: 'budget_warning', budget_type: 'tool_calls', used: 5, limit: 5, percent: 1 },
  ]);
  assert.equal(run.result?.terminalCauseKind, 'budget_exhausted');
  assert.equal(run.result?.toolCalls, 5);
  assert.equal(run.llm.requests.length, 2);
});

void test('the time budget warns, then its deadline aborts the in-flight model call', TIMEOUT, async () => {
  const clock = new FakeClock();
  const tools = new FakeTools({ t: { run: () => Promise.resolve({ content: 'ok', isError: false }) } });
  const run = await runScripted({
    clock,
    tools,
    budget: { maxDurationMs: 1_000 },
    steps: [after(850, clock, toolCalls([{ id: 'a', name: 't' }], { text: 'first' })), stall(['partial'])],
  });
  assert.equal(run.error, undefined);
  assert.deepEqual(eventsOf(run.events, 'budget_warning'), [
    { type: 'budget_warning', budget_type: 'time', used: 850, limit: 1_000, percent: 0.85 },
    { type: 'budget_warning', budget_type: 'time', used: 1_000, limit: 1_000, percent: 1 },
  ]);
  assert.equal(run.result?.terminalCauseKind, 'time_budget_exceeded');
  assert.equal(run.result?.text, 'first');
  assert.equal(run.llm.requests[1]?.request.signal.aborted, true);
  const last = run.commits.at(-1);
  assert.deepEqual(last && { final: last.final, messages: last.messages.length }, {
    final: true,
    messages: 0,
  });
  assert.equal(
    run.commits.flatMap((commit) => commit.messages).length,
    3,
    'the partial reply was not stored',
  );
});

void test(
  'a deadline during the first call still records the prompt as a finished run',
  TIMEOUT,
  async () => {
    const run = await runScripted({ budget: { maxDurationMs: 500 }, steps: [stall()] });
    assert.equal(run.result?.terminalCauseKind, 'time_budget_exceeded');
    assert.equal(run.result?.text, '');
    assert.equal(run.commits.length, 1);
    assert.equal(run.commits[0]?.final, true);
    assert.deepEqual(
      run.commits[0]?.messages.map((message) => message.role),
      ['user'],
    );
  },
);

void test('a deadline while tools run interrupts them and commits their results', TIMEOUT, async () => {
  const clock = new FakeClock();
  const tools = new FakeTools({ slow: { run: answersAfter(clock, 5_000, 'late') } });
  const run = await runScripted({
    clock,
    tools,
    budget: { maxDurationMs: 1_000 },
    steps: [toolCalls([{ id: 's', name: 'slow' }]), text('never asked')],
  });
  assert.equal(run.result?.terminalCauseKind, 'time_budget_exceeded');
  const last = run.commits.at(-1);
  assert.equal(last?.final, true);
  const message = last?.messages[0];
  assert.equal(message?.role, 'tool_results');
  assert.match(String(message?.role === 'tool_results' ? message.results[0]?.content : ''), /^interrupted/);
  assert.equal(run.llm.requests.length, 1);
});

void test('maxTurns ends the run with turn_limit_reached', TIMEOUT, async () => {
  const tools = new FakeTools({ t: { run: () => Promise.resolve({ content: 'ok', isError: false }) } });
  const run = await runScripted({
    tools,
    maxTurns: 1,
    steps: [toolCalls([{ id: 'a', name: 't' }], { text: 'step one' }), text('never asked')],
  });
  assert.equal(run.result?.terminalCauseKind, 'turn_limit_reached');
  assert.equal(run.result?.text, 'step one');
  assert.equal(run.llm.requests.length, 1);
  assert.equal(run.commits.at(-1)?.final, true);
});
