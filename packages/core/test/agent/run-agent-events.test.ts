import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkContract, AgentEvent } from '@rkat/contracts';
import { runScripted, typesOf, eventsOf } from '../support/harness.js';
import { reasoningBlock, reply, text, textBlock, toolCalls, usage } from '../support/scripted-llm.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeTools, answersAfter } from '../support/fake-tools.js';

const TIMEOUT = { timeout: 5_000 };

void test('a plain reply emits the documented event order and commits once', TIMEOUT, async () => {
  const run = await runScripted({
    steps: [text('Hi there', { deltas: ['Hi ', 'there'], usage: usage(12, 3) })],
  });
  assert.equal(run.error, undefined);
  assert.deepEqual(typesOf(run.events), [
    'run_started',
    'turn_started',
    'text_delta',
    'text_delta',
    'text_complete',
    'turn_completed',
    'run_completed',
  ]);
  for (const event of run.events)
    assert.ok(checkContract(AgentEvent, event).ok, `invalid event ${event.type}`);
  assert.deepEqual(run.events[0], { type: 'run_started', session_id: 'session-1', prompt: 'hello' });
  assert.deepEqual(run.events[1], { type: 'turn_started', turn_number: 0 });
  assert.deepEqual(eventsOf(run.events, 'text_complete')[0], { type: 'text_complete', content: 'Hi there' });
  assert.deepEqual(eventsOf(run.events, 'turn_completed')[0], {
    type: 'turn_completed',
    stop_reason: 'end_turn',
    usage: usage(12, 3),
  });
  assert.deepEqual(eventsOf(run.events, 'run_completed')[0], {
    type: 'run_completed',
    session_id: 'session-1',
    result: 'Hi there',
    extraction_required: false,
    usage: usage(12, 3),
  });
  assert.equal(run.result?.text, 'Hi there');
  assert.equal(run.result?.turns, 1);
  assert.equal(run.result?.toolCalls, 0);
  assert.equal(run.result?.terminalCauseKind, undefined);
  assert.equal(run.commits.length, 1);
  assert.equal(run.commits[0]?.final, true);
  assert.deepEqual(
    run.commits[0]?.messages.map((message) => message.role),
    ['user', 'block_assistant'],
  );
  assert.deepEqual(run.result?.messages, run.commits[0]?.messages);
});

void test('the model sees the history, the system prompt and the new user message', TIMEOUT, async () => {
  const history = [{ role: 'user' as const, content: 'earlier', created_at: '2026-01-01T00:00:00.000Z' }];
  const run = await runScripted({ steps: [text('ok')], history, systemPrompt: 'be brief', temperature: 0.5 });
  const request = run.llm.requests[0]?.request;
  assert.equal(request?.systemPrompt, 'be brief');
  assert.equal(request?.temperature, 0.5);
  assert.equal(request?.model, 'test-model');
  assert.deepEqual(
    request?.messages.map((message) => (message.role === 'user' ? message.content : message.role)),
    ['earlier', 'hello'],
  );
});

void test('reasoning streams before the text and completes before text_complete', TIMEOUT, async () => {
  const run = await runScripted({ steps: [reply([reasoningBlock('thinking'), textBlock('answer')])] });
  assert.deepEqual(typesOf(run.events), [
    'run_started',
    'turn_started',
    'reasoning_delta',
    'text_delta',
    'reasoning_complete',
    'text_complete',
    'turn_completed',
    'run_completed',
  ]);
  assert.deepEqual(eventsOf(run.events, 'reasoning_complete')[0], {
    type: 'reasoning_complete',
    content: 'thinking',
  });
  const stored = run.commits[0]?.messages[1];
  assert.equal(stored?.role, 'block_assistant');
  assert.equal(stored?.role === 'block_assistant' ? stored.blocks.length : 0, 2);
});

void test('a tool round with two parallel calls follows the documented order', TIMEOUT, async () => {
  const clock = new FakeClock();
  const tools = new FakeTools({
    first: { run: answersAfter(clock, 10, 'one') },
    second: { run: answersAfter(clock, 20, 'two') },
  });
  const run = await runScripted({
    clock,
    tools,
    steps: [
      toolCalls(
        [
          { id: 'call-1', name: 'first', args: { a: 1 } },
          { id: 'call-2', name: 'second' },
        ],
        { text: 'Let me look.' },
      ),
      text('Done.'),
    ],
  });
  assert.equal(run.error, undefined);
  assert.deepEqual(typesOf(run.events), [
    'run_started',
    'turn_started',
    'text_delta',
    'text_complete',
    'tool_call_requested',
    'tool_call_requested',
    'tool_execution_started',
    'tool_execution_started',
    'tool_execution_completed',
    'tool_result_received',
    'tool_execution_completed',
    'tool_result_received',
    'turn_started',
    'text_delta',
    'text_complete',
    'turn_completed',
    'run_completed',
  ]);
  for (const event of run.events)
    assert.ok(checkContract(AgentEvent, event).ok, `invalid event ${event.type}`);
  assert.deepEqual(eventsOf(run.events, 'tool_call_requested')[0], {
    type: 'tool_call_requested',
    id: 'call-1',
    name: 'first',
    args: { a: 1 },
  });
  assert.deepEqual(eventsOf(run.events, 'tool_execution_completed')[0], {
    type: 'tool_execution_completed',
    id: 'call-1',
    name: 'first',
    result: 'one',
    is_error: false,
    duration_ms: 10,
  });
  assert.deepEqual(eventsOf(run.events, 'turn_started')[1], { type: 'turn_started', turn_number: 1 });
  assert.equal(eventsOf(run.events, 'turn_completed').length, 1);
  assert.equal(run.result?.turns, 2);
  assert.equal(run.result?.toolCalls, 2);
  assert.deepEqual(run.result?.usage, usage(20, 10));
  const second = run.llm.requests[1]?.request.messages.at(-1);
  assert.deepEqual(second?.role === 'tool_results' ? second.results : undefined, [
    { tool_use_id: 'call-1', content: 'one', is_error: false },
    { tool_use_id: 'call-2', content: 'two', is_error: false },
  ]);
});

void test('tool calls run in parallel: both start before either finishes', TIMEOUT, async () => {
  const clock = new FakeClock();
  const tools = new FakeTools({
    slow: { run: answersAfter(clock, 50, 'slow') },
    fast: { run: answersAfter(clock, 10, 'fast') },
  });
  const run = await runScripted({
    clock,
    tools,
    steps: [
      toolCalls([
        { id: 'a', name: 'slow' },
        { id: 'b', name: 'fast' },
      ]),
      text('ok'),
    ],
  });
  const toolEvents = run.events
    .filter((event) => event.type === 'tool_execution_started' || event.type === 'tool_execution_completed')
    .map(
      (event) =>
        `${event.type === 'tool_execution_started' ? 'start' : 'end'}:${'id' in event ? event.id : ''}`,
    );
  assert.deepEqual(toolEvents, ['start:a', 'start:b', 'end:b', 'end:a']);
  const results = run.commits[1]?.messages[0];
  assert.deepEqual(
    results?.role === 'tool_results' ? results.results.map((result) => result.tool_use_id) : [],
    ['a', 'b'],
  );
});
