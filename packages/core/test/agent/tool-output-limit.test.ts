import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentEvent, SessionMessage, ToolResult } from '@rkat/contracts';
import {
  DEFAULT_TOOL_OUTPUT_LIMIT_BYTES,
  limitToolOutcome,
  truncationMarker,
} from '../../src/agent/tool-output-limit.js';
import { runScripted, eventsOf } from '../support/harness.js';
import { text, toolCalls } from '../support/scripted-llm.js';
import { FakeTools } from '../support/fake-tools.js';

const TIMEOUT = { timeout: 5_000 };
const markerBytes = (total: number): number => Buffer.byteLength(truncationMarker(total, total));

void test(
  'R27 tool-bad-args-and-huge-output: a result within the limit is passed through untouched',
  TIMEOUT,
  () => {
    const outcome = { content: 'short', isError: false };
    assert.equal(limitToolOutcome(outcome, 5), outcome);
  },
);

void test(
  'R27 tool-bad-args-and-huge-output: a long text keeps its head, cut on a character boundary, and ends with the marker',
  TIMEOUT,
  () => {
    // 'é' is two UTF-8 bytes: a budget of 7 bytes must not split the fourth one.
    const text = 'é'.repeat(100);
    const bounded = limitToolOutcome({ content: text, isError: true }, markerBytes(200) + 7);
    assert.deepEqual(bounded, { content: `ééé${truncationMarker(194, 200)}`, isError: true });
    assert.ok(Buffer.byteLength(String(bounded.content)) <= markerBytes(200) + 7);
  },
);

void test(
  'R27 tool-bad-args-and-huge-output: text blocks share the limit; media blocks are kept',
  TIMEOUT,
  () => {
    const image = {
      type: 'image' as const,
      media_type: 'image/png',
      source: 'inline' as const,
      data: 'AAAA',
    };
    const blocks = [
      { type: 'text' as const, text: 'a'.repeat(40) },
      image,
      { type: 'text' as const, text: 'b'.repeat(40) },
      { type: 'text' as const, text: 'c'.repeat(40) },
    ];
    const bounded = limitToolOutcome({ content: blocks, isError: false }, markerBytes(120) + 50);
    assert.deepEqual(bounded.content, [
      { type: 'text', text: 'a'.repeat(40) },
      image,
      { type: 'text', text: 'b'.repeat(10) },
      { type: 'text', text: truncationMarker(70, 120) },
    ]);
  },
);

function resultsOf(message: SessionMessage | undefined): ToolResult[] {
  return message?.role === 'tool_results' ? message.results : [];
}

void test(
  'R27 tool-bad-args-and-huge-output: the loop bounds a huge result once, for the model, the events and the transcript',
  TIMEOUT,
  async () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    const tools = new FakeTools({ dump: { run: () => Promise.resolve({ content: huge, isError: false }) } });
    const run = await runScripted({
      tools,
      steps: [toolCalls([{ id: 'd1', name: 'dump' }]), text('read it')],
    });
    assert.equal(run.result?.text, 'read it');
    const expected = limitToolOutcome(
      { content: huge, isError: false },
      DEFAULT_TOOL_OUTPUT_LIMIT_BYTES,
    ).content;
    assert.equal(typeof expected, 'string');
    assert.ok(Buffer.byteLength(String(expected)) <= DEFAULT_TOOL_OUTPUT_LIMIT_BYTES);
    assert.match(String(expected), /\n\[truncated: \d+ of 3145728 bytes omitted\]$/);
    const stored = resultsOf(run.commits[1]?.messages[0]);
    assert.deepEqual(
      stored.map((result) => result.content),
      [expected],
    );
    const completed = eventsOf(run.events, 'tool_execution_completed') as Extract<
      AgentEvent,
      { type: 'tool_execution_completed' }
    >[];
    assert.equal(completed[0]?.result, expected);
    const sent = run.llm.requests[1]?.request.messages.at(-1);
    assert.deepEqual(
      resultsOf(sent).map((result) => result.content),
      [expected],
      'the model got the bounded text',
    );
  },
);

void test('the limit is an option of the run', TIMEOUT, async () => {
  const tools = new FakeTools({
    dump: { run: () => Promise.resolve({ content: 'z'.repeat(200), isError: false }) },
  });
  const limit = markerBytes(200) + 4;
  const run = await runScripted({
    tools,
    toolOutputLimitBytes: limit,
    steps: [toolCalls([{ id: 'd1', name: 'dump' }]), text('ok')],
  });
  assert.deepEqual(
    resultsOf(run.commits[1]?.messages[0]).map((result) => result.content),
    [`zzzz${truncationMarker(196, 200)}`],
  );
});
