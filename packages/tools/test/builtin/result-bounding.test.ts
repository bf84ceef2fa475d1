import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundText, boundToolOutcome, BuiltinToolSource, type BuiltinTool } from '../../src/index.js';

void test('a text within the cap is unchanged', { timeout: 30_000 }, () => {
  assert.equal(boundText('hello', 5), 'hello');
});

void test('a longer text keeps its head and says how much was cut', { timeout: 30_000 }, () => {
  const text = 'x'.repeat(1000);
  const bounded = boundText(text, 100);
  assert.ok(Buffer.byteLength(bounded) <= 100);
  const omitted = Number(/truncated: (\d+) of 1000 bytes omitted/.exec(bounded)?.[1]);
  assert.equal(bounded.indexOf('\n[truncated'), 1000 - omitted);
  assert.ok(bounded.startsWith('xxxx'));
});

void test('the cut never splits a multi-byte character', { timeout: 30_000 }, () => {
  const bounded = boundText('é'.repeat(500), 101);
  assert.ok(Buffer.byteLength(bounded) <= 101);
  assert.ok(!bounded.includes('\uFFFD'));
  assert.match(bounded, /^(é)+\n\[truncated/);
});

void test('blocks share one budget and images pass unchanged', { timeout: 30_000 }, () => {
  const image = {
    type: 'image' as const,
    media_type: 'image/png',
    source: 'inline' as const,
    data: 'A'.repeat(500),
  };
  const outcome = boundToolOutcome(
    {
      content: [{ type: 'text', text: 'a'.repeat(300) }, image, { type: 'text', text: 'b'.repeat(300) }],
      isError: false,
    },
    400,
  );
  assert.ok(Array.isArray(outcome.content));
  const [first, second, third] = outcome.content;
  assert.equal(first?.type === 'text' && first.text, 'a'.repeat(300));
  assert.deepEqual(second, image);
  assert.ok(
    third?.type === 'text' && Buffer.byteLength(third.text) <= 100 && third.text.includes('[truncated'),
  );
});

void test('BuiltinToolSource bounds every result', { timeout: 30_000 }, async () => {
  const flood: BuiltinTool = {
    def: { name: 'flood', description: 'floods', input_schema: { type: 'object' } },
    execute: () => Promise.resolve({ content: 'z'.repeat(10_000), isError: false }),
  };
  const source = new BuiltinToolSource([flood], { maxResultBytes: 1000 });
  const outcome = await source.execute(
    { id: '1', name: 'flood', args: {} },
    { sessionId: 's', signal: new AbortController().signal },
  );
  assert.equal(typeof outcome.content, 'string');
  assert.ok(Buffer.byteLength(String(outcome.content)) <= 1000);
  assert.match(String(outcome.content), /\[truncated: \d+ of 10000 bytes omitted\]$/);
});
