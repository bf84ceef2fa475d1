import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WireRunResult } from '@rkat/contracts';
import { TurnPrinter, type CliIo } from '../../src/index.js';

function bufferIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env: {},
    cwd: '/',
  };
}

const result = (extra: Partial<WireRunResult> = {}): WireRunResult => ({
  session_id: 's',
  text: 'Hello world',
  turns: 1,
  tool_calls: 0,
  usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
  ...extra,
});

void test('streams text to stdout and tool calls to stderr', () => {
  const io = bufferIo();
  const printer = new TurnPrinter(io, true);
  printer.onEvent({ type: 'text_delta', delta: 'Hello ' });
  printer.onEvent({ type: 'tool_call_requested', id: '1', name: 'datetime', args: {} });
  printer.onEvent({
    type: 'tool_execution_completed',
    id: '1',
    name: 'datetime',
    result: '{}',
    is_error: false,
    duration_ms: 1,
  });
  printer.onEvent({
    type: 'tool_execution_completed',
    id: '2',
    name: 'shell',
    result: 'denied\nmore',
    is_error: true,
    duration_ms: 1,
  });
  printer.onEvent({ type: 'text_delta', delta: 'world' });
  printer.finish(result({ structured_output: { a: 1 } }));
  assert.equal(io.out.join(''), 'Hello \nworld\n{\n  "a": 1\n}\n', 'a tool call ends the text line');
  assert.equal(io.err.join(''), '⚙ datetime({})\n✓ datetime\n✗ shell: denied\n');
});

void test('prints the final text when nothing streamed, and nothing in JSON mode', () => {
  const io = bufferIo();
  new TurnPrinter(io, true).finish(result());
  assert.equal(io.out.join(''), 'Hello world\n');
  const quiet = bufferIo();
  const printer = new TurnPrinter(quiet, false);
  printer.onEvent({ type: 'text_delta', delta: 'x' });
  printer.finish(result());
  assert.deepEqual(quiet.out, []);
});

void test('warns about a failed extraction', () => {
  const io = bufferIo();
  new TurnPrinter(io, true).finish(
    result({ extraction_error: { last_output: 'x', attempts: 3, reason: 'not JSON' } }),
  );
  assert.match(io.err.join(''), /warning: structured output extraction failed: not JSON/);
});
