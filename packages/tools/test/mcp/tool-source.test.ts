import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import assert from 'node:assert/strict';
import {
  McpStagingError,
  McpToolSource,
  type McpServerConfig,
  type McpServerError,
} from '../../src/index.js';
import { startHttpFixture } from './fixtures/http-server.js';
import { context, isProcessAlive, pidFile, stdioFixture } from './helpers.js';

const call = (name: string, args: Record<string, unknown> = {}) => ({ id: `call-${name}`, name, args });
const names = (source: McpToolSource) => source.list().map((tool) => tool.name);

void test(
  'offers every server’s tools under their MCP names and routes calls',
  { timeout: 30_000 },
  async () => {
    const web = await startHttpFixture({ prefix: 'w_' });
    const { source, result } = await McpToolSource.connect([
      stdioFixture('alpha', 'normal', 'a_'),
      { name: 'web', url: web.url },
    ]);
    try {
      assert.deepEqual(result.changes, [
        { operation: 'add', target: 'alpha', phase: 'applied', tool_count: 6 },
        { operation: 'add', target: 'web', phase: 'applied', tool_count: 6 },
      ]);
      assert.equal(result.tools_changed, true);
      assert.deepEqual(names(source).slice(0, 2), ['a_echo', 'a_image']);
      assert.equal(source.list().length, 12);
      assert.equal(source.serverOf('w_echo'), 'web');
      assert.deepEqual(await source.execute(call('a_echo', { text: 'one' }), context), {
        content: 'one',
        isError: false,
      });
      assert.deepEqual(await source.execute(call('w_echo', { text: 'two' }), context), {
        content: 'two',
        isError: false,
      });
      assert.deepEqual(await source.execute(call('a_fail'), context), {
        content: 'it failed',
        isError: true,
      });
      assert.deepEqual(await source.execute(call('nope'), context), {
        content: "unknown tool 'nope'",
        isError: true,
      });
      const invalid = await source.execute(call('a_echo', { text: 5 }), context);
      assert.equal(invalid.isError, true);
      assert.match(String(invalid.content), /^invalid arguments for tool 'a_echo': \/text: must be string$/);
    } finally {
      await source.close();
      await web.close();
    }
  },
);

void test(
  'a server that exits at startup or hangs on tools/list does not poison the others',
  { timeout: 30_000 },
  async () => {
    const { source, result } = await McpToolSource.connect([
      stdioFixture('good', 'normal', 'g_'),
      stdioFixture('dead', 'exit-at-startup', 'd_'),
      stdioFixture('stuck', 'hang-on-list', 's_', { connect_timeout_secs: 6 }),
    ]);
    try {
      assert.deepEqual(
        result.changes.map(({ target, phase }) => [target, phase]),
        [
          ['good', 'applied'],
          ['dead', 'failed'],
          ['stuck', 'failed'],
        ],
      );
      assert.match(result.changes[1]?.detail ?? '', /^MCP server 'dead' exited during startup/);
      assert.match(result.changes[2]?.detail ?? '', /^MCP server 'stuck' did not answer tools\/list within/);
      assert.deepEqual(
        source.statuses().map(({ name, state }) => [name, state]),
        [
          ['good', 'connected'],
          ['dead', 'failed'],
          ['stuck', 'failed'],
        ],
      );
      assert.ok(names(source).every((name) => name.startsWith('g_')));
      assert.deepEqual(await source.execute(call('g_echo', { text: 'fine' }), context), {
        content: 'fine',
        isError: false,
      });
    } finally {
      await source.close();
    }
  },
);

void test(
  'a crash mid-call is an error outcome naming the server; the others keep working; reload reconnects',
  { timeout: 30_000 },
  async () => {
    const pids = pidFile();
    const failed: [string, McpServerError][] = [];
    const { source } = await McpToolSource.connect(
      [
        stdioFixture('alpha', 'normal', 'a_'),
        stdioFixture('beta', 'normal', 'b_', { env: { FIXTURE_PID_FILE: pids.path } }),
      ],
      { onServerFailed: (server, error) => failed.push([server, error]) },
    );
    try {
      const crashed = await source.execute(call('b_crash'), context);
      assert.equal(crashed.isError, true);
      assert.match(
        String(crashed.content),
        /^MCP server 'beta' closed its connection during tools\/call 'b_crash'/,
      );
      assert.deepEqual(
        failed.map(([server, error]) => [server, error.kind]),
        [['beta', 'connection_closed']],
      );
      const [firstPid] = pids.pids();
      assert.ok(firstPid !== undefined && !isProcessAlive(firstPid), 'crashed child reaped');

      // Its tools stay listed until a boundary changes them, but calls say what is wrong.
      const refused = await source.execute(call('b_echo', { text: 'x' }), context);
      assert.equal(refused.isError, true);
      assert.match(
        String(refused.content),
        /^MCP server 'beta' closed its connection.*; reload the server to reconnect it$/,
      );
      assert.deepEqual(source.statuses()[1]?.state, 'failed');
      assert.deepEqual(await source.execute(call('a_echo', { text: 'ok' }), context), {
        content: 'ok',
        isError: false,
      });

      assert.deepEqual(source.stageReload('beta'), {
        operation: 'reload',
        server_name: 'beta',
        status: 'staged',
      });
      const applied = await source.applyStaged();
      assert.deepEqual(applied.changes, [
        { operation: 'reload', target: 'beta', phase: 'applied', tool_count: 6 },
      ]);
      assert.equal(applied.tools_changed, false);
      assert.deepEqual(await source.execute(call('b_echo', { text: 'back' }), context), {
        content: 'back',
        isError: false,
      });
      assert.equal(source.statuses()[1]?.state, 'connected');
    } finally {
      await source.close();
    }
    assert.equal(pids.pids().length, 2);
    assert.ok(
      pids.pids().every((pid) => !isProcessAlive(pid)),
      'no orphan after close',
    );
  },
);

void test(
  'a hanging call times out as an error outcome and the server stays connected',
  { timeout: 30_000 },
  async () => {
    const { source } = await McpToolSource.connect([stdioFixture('alpha', 'normal', 'a_')], {
      callTimeoutMs: 300,
    });
    try {
      const outcome = await source.execute(call('a_hang'), context);
      assert.deepEqual(outcome, {
        content: "MCP server 'alpha' did not answer tools/call 'a_hang' within 300ms",
        isError: true,
      });
      assert.deepEqual(await source.execute(call('a_echo', { text: 'after' }), context), {
        content: 'after',
        isError: false,
      });
    } finally {
      await source.close();
    }
  },
);

void test(
  'staged add/remove/reload apply only at the boundary and report the changes',
  { timeout: 30_000 },
  async () => {
    const pids = pidFile();
    const withPids = (name: string, prefix: string): McpServerConfig =>
      stdioFixture(name, 'normal', prefix, { env: { FIXTURE_PID_FILE: pids.path } });
    const source = new McpToolSource();
    try {
      assert.deepEqual(source.stageAdd(withPids('alpha', 'a_')), {
        operation: 'add',
        server_name: 'alpha',
        status: 'staged',
      });
      assert.deepEqual(names(source), [], 'nothing changes before the boundary');
      assert.equal(source.hasStagedChanges(), true);
      assert.deepEqual(source.registeredServerNames(), ['alpha']);
      await source.applyStaged();
      assert.equal(source.list().length, 6);

      source.stageAdd(withPids('beta', 'b_'));
      assert.deepEqual(source.stageRemove('alpha'), {
        operation: 'remove',
        server_name: 'alpha',
        status: 'staged',
      });
      assert.equal(source.list().length, 6, 'alpha still served until the boundary');
      assert.deepEqual(await source.execute(call('a_echo', { text: 'still' }), context), {
        content: 'still',
        isError: false,
      });
      const result = await source.applyStaged();
      assert.deepEqual(result.changes, [
        { operation: 'add', target: 'beta', phase: 'applied', tool_count: 6 },
        { operation: 'remove', target: 'alpha', phase: 'applied' },
      ]);
      assert.ok(names(source).every((name) => name.startsWith('b_')));
      const [alphaPid] = pids.pids();
      assert.ok(alphaPid !== undefined && !isProcessAlive(alphaPid), 'removed server reaped');
      assert.deepEqual(await source.execute(call('a_echo', { text: 'x' }), context), {
        content: "unknown tool 'a_echo'",
        isError: true,
      });

      assert.deepEqual(source.stageReload(), { operation: 'reload', status: 'staged' });
      const reloaded = await source.applyStaged();
      assert.deepEqual(reloaded.changes, [
        { operation: 'reload', target: 'beta', phase: 'applied', tool_count: 6 },
      ]);
      assert.equal(reloaded.tools_changed, false);
      assert.equal(pids.pids().length, 3, 'reload spawned a fresh child');
      const [, oldBeta] = pids.pids();
      assert.ok(oldBeta !== undefined && !isProcessAlive(oldBeta), 'the replaced child is reaped');
      assert.deepEqual(await source.execute(call('b_echo', { text: 'new' }), context), {
        content: 'new',
        isError: false,
      });
    } finally {
      await source.close();
    }
    assert.ok(
      pids.pids().every((pid) => !isProcessAlive(pid)),
      'no orphan after close',
    );
  },
);

void test('staging refuses what 01 §13 refuses, with its messages', { timeout: 30_000 }, async () => {
  const source = new McpToolSource();
  const refuses = (stage: () => unknown, code: string, message: string) =>
    assert.throws(stage, (error: unknown) => {
      assert.ok(error instanceof McpStagingError);
      assert.equal(error.code, code);
      assert.equal(error.message, message);
      return true;
    });
  refuses(
    () => source.stageReload('ghost'),
    'not_registered',
    "MCP server 'ghost' is not registered on this session",
  );
  refuses(
    () => source.stageRemove('ghost'),
    'not_registered',
    "MCP server 'ghost' is not registered on this session",
  );
  refuses(() => source.stageReload(''), 'empty_server_name', 'server_name cannot be empty');
  refuses(
    () => source.stageAdd({ name: '  ', command: 'x' }),
    'empty_server_name',
    'server_name cannot be empty',
  );
  source.stageAdd({ name: 'x', command: '/nonexistent/mcp' });
  refuses(
    () => source.stageAdd({ name: 'x', command: 'y' }),
    'already_registered',
    "MCP server 'x' is already registered on this session",
  );
  // A staged add counts as registered; a staged remove frees the name for a new add.
  source.stageReload('x');
  source.stageRemove('x');
  source.stageAdd({ name: 'x', command: '/nonexistent/other' });
  const result = await source.applyStaged();
  assert.deepEqual(
    result.changes.map(({ operation, phase }) => [operation, phase]),
    [
      ['add', 'failed'],
      ['reload', 'failed'],
      ['remove', 'applied'],
      ['add', 'failed'],
    ],
  );
  assert.match(result.changes[3]?.detail ?? '', /spawn \/nonexistent\/other ENOENT/);
  await source.close();
  refuses(() => source.stageAdd({ name: 'z', command: 'x' }), 'closed', 'MCP tool source is closed');
});

void test(
  'a name two servers offer is offered by neither and reported as a collision',
  { timeout: 30_000 },
  async () => {
    const { source, result } = await McpToolSource.connect([
      stdioFixture('one', 'normal', 'x_'),
      stdioFixture('two', 'normal', 'x_'),
    ]);
    try {
      assert.deepEqual(names(source), []);
      assert.deepEqual(result.collisions[0], { tool: 'x_echo', servers: ['one', 'two'] });
      assert.equal(result.collisions.length, 6);
      source.stageRemove('two');
      const after = await source.applyStaged();
      assert.deepEqual(after.collisions, []);
      assert.equal(source.list().length, 6);
      assert.equal(source.serverOf('x_echo'), 'one');
    } finally {
      await source.close();
    }
  },
);

void test('a remove lets in-flight calls drain before the server closes', { timeout: 30_000 }, async () => {
  const { source } = await McpToolSource.connect([stdioFixture('alpha', 'normal', 'a_')]);
  try {
    const inFlight = source.execute(call('a_slow', { ms: 400 }), context);
    source.stageRemove('alpha');
    const result = await source.applyStaged();
    assert.deepEqual(result.changes, [{ operation: 'remove', target: 'alpha', phase: 'draining' }]);
    assert.deepEqual(names(source), []);
    assert.deepEqual(await inFlight, { content: 'done', isError: false });
    await source.drained();
    const later = await source.applyStaged();
    assert.deepEqual(later.changes, [
      { operation: 'remove', target: 'alpha', phase: 'applied', drained: true },
    ]);
  } finally {
    await source.close();
  }
});

void test('a drain that outlasts its timeout is forced', { timeout: 30_000 }, async () => {
  const { source } = await McpToolSource.connect([stdioFixture('alpha', 'normal', 'a_')], {
    drainTimeoutMs: 200,
  });
  try {
    const inFlight = source.execute(call('a_hang'), context);
    source.stageRemove('alpha');
    assert.deepEqual((await source.applyStaged()).changes, [
      { operation: 'remove', target: 'alpha', phase: 'draining' },
    ]);
    const cut = await inFlight;
    assert.equal(cut.isError, true);
    assert.match(
      String(cut.content),
      /^MCP server 'alpha' closed its connection during tools\/call 'a_hang'/,
    );
    await source.drained();
    assert.deepEqual(source.takeFinishedDrains(), [
      { operation: 'remove', target: 'alpha', phase: 'forced', drained: true },
    ]);
  } finally {
    await source.close();
  }
});

void test(
  'close() during a boundary abandons connects in progress and reaps their children',
  { timeout: 30_000 },
  async () => {
    const pids = pidFile();
    const source = new McpToolSource();
    source.stageAdd(
      stdioFixture('silent', 'silent', '', {
        env: { FIXTURE_PID_FILE: pids.path },
        connect_timeout_secs: 60,
      }),
    );
    const applying = source.applyStaged();
    while (pids.pids().length === 0) await sleep(20);
    await source.close();
    const result = await applying;
    assert.deepEqual(result.changes, [
      {
        operation: 'add',
        target: 'silent',
        phase: 'failed',
        detail: "MCP server 'silent': connect was cancelled",
      },
    ]);
    const [pid] = pids.pids();
    assert.ok(pid !== undefined && !isProcessAlive(pid), 'no orphan');
  },
);
