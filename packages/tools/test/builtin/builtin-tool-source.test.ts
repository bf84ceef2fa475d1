import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BuiltinToolSetupError,
  BuiltinToolSource,
  createBuiltinToolSource,
  type BuiltinTool,
} from '../../src/index.js';

const context = { sessionId: 's', signal: new AbortController().signal };

const echo: BuiltinTool = {
  def: {
    name: 'echo',
    description: 'echo',
    input_schema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
  timeoutMs: 1234,
  execute: (args) => Promise.resolve({ content: String(args.text), isError: false }),
};

const broken: BuiltinTool = {
  def: { name: 'broken', description: 'throws', input_schema: { type: 'object' } },
  execute: () => Promise.reject(new Error('boom')),
};

void test('lists the definitions in order and reports per-tool timeouts', () => {
  const source = new BuiltinToolSource([echo, broken]);
  assert.deepEqual(
    source.list().map((def) => def.name),
    ['echo', 'broken'],
  );
  assert.equal(source.timeoutMs('echo'), 1234);
  assert.equal(source.timeoutMs('broken'), undefined);
});

void test('runs a tool with valid arguments', async () => {
  const source = new BuiltinToolSource([echo]);
  const outcome = await source.execute({ id: '1', name: 'echo', args: { text: 'hi' } }, context);
  assert.deepEqual(outcome, { content: 'hi', isError: false });
});

void test('invalid arguments, unknown tools and throws become error outcomes', async () => {
  const source = new BuiltinToolSource([echo, broken]);
  const invalid = await source.execute({ id: '1', name: 'echo', args: {} }, context);
  assert.equal(invalid.isError, true);
  assert.match(String(invalid.content), /invalid arguments for tool 'echo'.*text/);
  const unknown = await source.execute({ id: '2', name: 'nope', args: {} }, context);
  assert.equal(unknown.isError, true);
  assert.match(String(unknown.content), /unknown tool 'nope'/);
  const thrown = await source.execute({ id: '3', name: 'broken', args: {} }, context);
  assert.deepEqual(thrown, { content: "tool 'broken' failed: boom", isError: true });
});

void test('rejects duplicate tool names', () => {
  assert.throws(() => new BuiltinToolSource([echo, echo]), BuiltinToolSetupError);
});

void test('the default source offers datetime', async () => {
  const source = createBuiltinToolSource({ now: () => 0 });
  assert.deepEqual(
    source.list().map((def) => def.name),
    ['datetime'],
  );
  const outcome = await source.execute({ id: '1', name: 'datetime', args: {} }, context);
  assert.equal(outcome.isError, false);
  assert.equal((JSON.parse(String(outcome.content)) as { date: string }).date, '1970-01-01');
});
