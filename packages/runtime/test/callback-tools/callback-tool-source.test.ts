import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALLBACK_TOOL_TIMEOUT_MS, CallbackToolSource } from '../../src/index.js';
import { ManualClock, ScriptedPort, WAIT, answeringPort, call, context, toolDef } from './support.js';

const greet = {
  name: 'greet',
  description: 'says hello',
  input_schema: { type: 'object', properties: { who: { type: 'string' } }, required: ['who'] },
};

void test('a call goes to the client and its result becomes the outcome', WAIT, async () => {
  const port = answeringPort((request) => ({
    content: `hello ${String(request.arguments.who)}`,
    is_error: false,
  }));
  const source = new CallbackToolSource(port, [greet]);
  const outcome = await source.execute(call('greet', { who: 'ada' }, 'tu-7'), context());
  assert.deepEqual(outcome, { content: 'hello ada', isError: false });
  assert.deepEqual(port.requests, [{ tool_use_id: 'tu-7', name: 'greet', arguments: { who: 'ada' } }]);
  assert.deepEqual(source.list(), [greet]);
});

void test('a client-reported failure stays a failure', WAIT, async () => {
  const source = new CallbackToolSource(
    answeringPort(() => ({ content: 'Tool error: boom', is_error: true })),
    [toolDef('t')],
  );
  assert.deepEqual(await source.execute(call('t'), context()), {
    content: 'Tool error: boom',
    isError: true,
  });
});

void test('a JSON-RPC error from the client is a failed tool result', WAIT, async () => {
  const port = answeringPort(() => {
    throw { code: -32601, message: 'Method not found' };
  });
  const source = new CallbackToolSource(port, [toolDef('t')]);
  const outcome = await source.execute(call('t'), context());
  assert.equal(outcome.isError, true);
  assert.match(String(outcome.content), /tool t failed in the client: Method not found/);
});

for (const [label, result] of [
  ['missing is_error', { content: 'x' }],
  ['content not a string', { content: 3, is_error: false }],
  ['null', null],
  ['a bare string', 'done'],
] as const) {
  void test(`an unusable result (${label}) is a failed tool result`, WAIT, async () => {
    const source = new CallbackToolSource(
      answeringPort(() => result),
      [toolDef('t')],
    );
    const outcome = await source.execute(call('t'), context());
    assert.equal(outcome.isError, true);
    assert.match(String(outcome.content), /tool t got an unusable result from the client/);
  });
}

void test(
  'no reply in time is a failed result; the port is told and late replies are ignored',
  WAIT,
  async () => {
    const port = new ScriptedPort();
    const clock = new ManualClock();
    const source = new CallbackToolSource(port, [toolDef('slow')], { clock, timeoutMs: 1_000 });
    const first = source.execute(call('slow', {}, 'a'), context());
    const second = source.execute(call('slow', {}, 'b'), context());
    const [pendingFirst, pendingSecond] = [await port.call(0), await port.call(1)];
    assert.deepEqual(
      clock.sleeps.map((sleep) => sleep.ms),
      [1_000, 1_000],
    );
    clock.expire();
    const expected = {
      content: 'tool slow timed out: the client did not reply within 1000 ms',
      isError: true,
    };
    assert.deepEqual(await first, expected);
    assert.deepEqual(await second, expected);
    assert.equal(pendingFirst.signal.aborted, true);
    assert.equal(pendingSecond.signal.aborted, true);
    // A late answer or a late error must neither change the outcome nor surface as an unhandled rejection.
    pendingFirst.resolve({ content: 'too late', is_error: false });
    pendingSecond.reject(new Error('too late'));
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(await first, expected);
  },
);

void test('an abort of the run reaches the port and ends the call', WAIT, async () => {
  const port = new ScriptedPort();
  const run = new AbortController();
  const source = new CallbackToolSource(port, [toolDef('t')], { clock: new ManualClock() });
  const running = source.execute(call('t'), context(run.signal));
  const pending = await port.call(0);
  assert.equal(pending.signal.aborted, false);
  run.abort(new Error('interrupt'));
  assert.equal(pending.signal.aborted, true);
  assert.deepEqual(await running, { content: 'tool t was cancelled', isError: true });
});

void test('an already aborted run sends nothing', WAIT, async () => {
  const port = new ScriptedPort();
  const run = new AbortController();
  run.abort();
  const source = new CallbackToolSource(port, [toolDef('t')]);
  const outcome = await source.execute(call('t'), context(run.signal));
  assert.equal(outcome.isError, true);
  assert.equal(port.calls.length, 0);
});

void test('unknown tools and bad arguments never reach the client', WAIT, async () => {
  const port = new ScriptedPort();
  const source = new CallbackToolSource(port, [greet]);
  assert.deepEqual(await source.execute(call('nope'), context()), {
    content: 'unknown tool: nope',
    isError: true,
  });
  const invalid = await source.execute(call('greet', { who: 5 }), context());
  assert.equal(invalid.isError, true);
  assert.match(String(invalid.content), /invalid arguments for tool greet/);
  assert.equal(port.calls.length, 0);
});

void test('a port that throws synchronously is a failed result, not a rejection', WAIT, async () => {
  const port = {
    callTool: (): never => {
      throw new Error('connection closed');
    },
  };
  const source = new CallbackToolSource(port, [toolDef('t')]);
  const outcome = await source.execute(call('t'), context());
  assert.deepEqual(outcome, { content: 'tool t failed in the client: connection closed', isError: true });
});

void test('timeoutMs is the callback timeout so the loop agrees', () => {
  const source = new CallbackToolSource(new ScriptedPort(), [toolDef('t')]);
  assert.equal(CALLBACK_TOOL_TIMEOUT_MS, 30_000);
  assert.equal(source.timeoutMs('t'), 30_000);
  assert.equal(source.timeoutMs('other'), undefined);
  assert.throws(() => new CallbackToolSource(new ScriptedPort(), [], { timeoutMs: 0 }), RangeError);
});
