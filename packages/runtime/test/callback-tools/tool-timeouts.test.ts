import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallbackToolSource, ExternalToolRegistry, composeSessionTools } from '../../src/index.js';
import { ManualClock, ScriptedPort, WAIT, call, context, fakeBuiltins, toolDef } from './support.js';

void test(
  'R26 tool-hangs: a per-tool timeout (tools.tool_timeouts) bounds a callback the client never answers',
  WAIT,
  async () => {
    const port = new ScriptedPort();
    const clock = new ManualClock();
    const source = new CallbackToolSource(port, [toolDef('slow'), toolDef('quick')], {
      clock,
      timeoutsMs: { slow: 250 },
    });
    assert.equal(source.timeoutMs('slow'), 250);
    assert.equal(source.timeoutMs('quick'), 30_000, 'the others keep the 30 s default');
    const running = source.execute(call('slow'), context());
    const pending = await port.call(0);
    assert.deepEqual(
      clock.sleeps.map((sleep) => sleep.ms),
      [250],
    );
    clock.expire();
    assert.deepEqual(await running, {
      content: 'tool slow timed out: the client did not reply within 250 ms',
      isError: true,
    });
    assert.equal(pending.signal.aborted, true);
    assert.throws(() => new CallbackToolSource(port, [], { timeoutsMs: { slow: 0 } }), RangeError);
  },
);

void test('session tools: tool_timeouts win for callback and built-in tools; default_timeout covers the built-ins', () => {
  const globalTools = new ExternalToolRegistry();
  globalTools.register([toolDef('remote'), toolDef('remote_slow')]);
  const tools = composeSessionTools({
    builtins: fakeBuiltins(['shell', 'datetime']),
    globalTools,
    sessionTools: [],
    port: new ScriptedPort(),
    toolTimeoutsMs: { remote_slow: 1_500, shell: 90_000 },
    builtinTimeoutMs: 120_000,
  });
  assert.deepEqual(
    ['remote', 'remote_slow', 'shell', 'datetime', 'missing'].map((name) => tools.timeoutMs(name)),
    [30_000, 1_500, 90_000, 120_000, undefined],
  );
});

void test('a built-in that names its own timeout keeps it unless tool_timeouts overrides it', () => {
  const tools = composeSessionTools({
    builtins: fakeBuiltins(['shell'], 45_000),
    globalTools: new ExternalToolRegistry(),
    sessionTools: [],
    port: undefined,
    builtinTimeoutMs: 120_000,
  });
  assert.equal(tools.timeoutMs('shell'), 45_000);
});
