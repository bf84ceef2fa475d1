import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionMessage, ToolResult } from '@rkat/contracts';
import { runScripted, eventsOf } from '../support/harness.js';
import { text, toolCalls } from '../support/scripted-llm.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeTools, answersAfter, ignoresAbort } from '../support/fake-tools.js';

const TIMEOUT = { timeout: 5_000 };

function resultsOf(message: SessionMessage | undefined): ToolResult[] {
  assert.equal(message?.role, 'tool_results');
  return message?.role === 'tool_results' ? message.results : [];
}

void test('a throwing tool, an unknown tool and bad arguments become error results', TIMEOUT, async () => {
  const tools = new FakeTools({
    boom: {
      run: () => {
        throw new Error('kaboom');
      },
    },
    rejects: { run: () => Promise.reject(new Error('nope')) },
    strict: {
      schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
      run: () => Promise.resolve({ content: 'ran', isError: false }),
    },
  });
  const run = await runScripted({
    tools,
    steps: [
      toolCalls([
        { id: 'c1', name: 'boom' },
        { id: 'c2', name: 'rejects' },
        { id: 'c3', name: 'missing' },
        { id: 'c4', name: 'strict', args: { n: 'x' } },
      ]),
      text('recovered'),
    ],
  });
  assert.equal(run.error, undefined);
  assert.equal(run.result?.text, 'recovered');
  const results = resultsOf(run.commits[1]?.messages[0]);
  assert.deepEqual(
    results.map((result) => [result.tool_use_id, result.is_error]),
    [
      ['c1', true],
      ['c2', true],
      ['c3', true],
      ['c4', true],
    ],
  );
  assert.match(String(results[0]?.content), /kaboom/);
  assert.match(String(results[1]?.content), /nope/);
  assert.match(String(results[2]?.content), /unknown tool: missing/);
  assert.match(String(results[3]?.content), /invalid arguments for tool strict: .*\/n/);
  assert.deepEqual(
    tools.executed.map((entry) => entry.call.name),
    ['boom', 'rejects'],
    'the unknown tool and the call with bad arguments did not run',
  );
  assert.equal(eventsOf(run.events, 'tool_result_received').length, 4);
  assert.ok(eventsOf(run.events, 'tool_result_received').every((event) => event.is_error));
});

void test('a timed-out tool is aborted, reported, and its late resolution is ignored', TIMEOUT, async () => {
  const clock = new FakeClock();
  const settled: string[] = [];
  const tools = new FakeTools({
    sluggish: { timeoutMs: 100, run: ignoresAbort(clock, 1_000, 'too late', settled) },
    quick: { run: answersAfter(clock, 10, 'quick answer') },
  });
  const run = await runScripted({
    clock,
    tools,
    steps: [
      toolCalls([
        { id: 't1', name: 'sluggish' },
        { id: 't2', name: 'quick' },
      ]),
      // The second model call takes longer than the sluggish tool, so its late answer arrives mid-run.
      async function* (request) {
        await clock.sleep(2_000, request.signal);
        yield* text('after timeout')(request);
      },
    ],
  });
  assert.equal(run.error, undefined);
  assert.deepEqual(settled, ['too late'], 'the tool did resolve later');
  assert.deepEqual(eventsOf(run.events, 'tool_execution_timed_out'), [
    { type: 'tool_execution_timed_out', id: 't1', name: 'sluggish', timeout_ms: 100 },
  ]);
  assert.equal(tools.executed[0]?.signal.aborted, true, 'the call was aborted on timeout');
  const results = resultsOf(run.commits[1]?.messages[0]);
  assert.equal(results[0]?.is_error, true);
  assert.match(String(results[0]?.content), /timed out after 100 ms/);
  assert.deepEqual(results[1], { tool_use_id: 't2', content: 'quick answer', is_error: false });
  assert.equal(run.commits.length, 3, 'the late resolution added nothing to the transcript');
  assert.equal(run.result?.text, 'after timeout');
});

void test('the default tool timeout comes from options when the tool names none', TIMEOUT, async () => {
  const clock = new FakeClock();
  const tools = new FakeTools({ slow: { run: answersAfter(clock, 5_000, 'slow') } });
  const run = await runScripted({
    clock,
    tools,
    toolTimeoutMs: 250,
    steps: [toolCalls([{ id: 's', name: 'slow' }]), text('ok')],
  });
  assert.deepEqual(eventsOf(run.events, 'tool_execution_timed_out')[0]?.timeout_ms, 250);
});

void test(
  'content blocks of a tool result are carried in the events and the transcript',
  TIMEOUT,
  async () => {
    const tools = new FakeTools({
      rich: {
        run: () =>
          Promise.resolve({
            content: [
              { type: 'text', text: 'part one, ' },
              { type: 'text', text: 'part two' },
            ],
            isError: false,
          }),
      },
    });
    const run = await runScripted({ tools, steps: [toolCalls([{ id: 'r', name: 'rich' }]), text('ok')] });
    const completed = eventsOf(run.events, 'tool_execution_completed')[0];
    assert.equal(completed?.result, 'part one, part two');
    assert.equal(completed?.content?.length, 2);
    assert.equal(eventsOf(run.events, 'tool_result_received')[0]?.content?.length, 2);
    assert.ok(Array.isArray(resultsOf(run.commits[1]?.messages[0])[0]?.content));
  },
);
