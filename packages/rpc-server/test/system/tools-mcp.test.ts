import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { FakeToolCall } from '@rkat/testing/fake-provider';
import type { RpcClient } from './rpc-client.js';
import { SystemFixture, assertShape, errorOf, scripted } from './support.js';
import { completedTools, offeredTools, toolConfigChanges, type CompletedTool } from './tools-support.js';

// One rkat-rpc (plus a short-lived one for the close test) with MCP servers added live: the stdio fixture
// of @rkat/tools as a child process and its streamable-HTTP fixture in this process.
const FIXTURES = fileURLToPath(new URL('../../../../tools/dist/test/mcp/fixtures/', import.meta.url));
const STDIO_SERVER = join(FIXTURES, 'stdio-server.js');

interface HttpFixture {
  url: string;
  close(): Promise<void>;
}
type StartHttpFixture = (options: { prefix?: string }) => Promise<HttpFixture>;

let fixture: SystemFixture;
let rpc: RpcClient;
let workspace: string;
let http: HttpFixture;

const McpResult = {
  type: 'object',
  properties: {
    session_id: { type: 'string' },
    operation: { enum: ['add', 'remove', 'reload'] },
    server_name: { type: 'string' },
    status: { const: 'staged' },
    persisted: { type: 'boolean' },
    applied_at_turn: { type: 'integer' },
  },
  required: ['session_id', 'operation', 'status', 'persisted'],
} as const;

before(async () => {
  fixture = await SystemFixture.start();
  workspace = await mkdtemp(join(tmpdir(), 'rkat-mcp-workspace-'));
  const module = (await import(pathToFileURL(join(FIXTURES, 'http-server.js')).href)) as {
    startHttpFixture: StartHttpFixture;
  };
  http = await module.startHttpFixture({ prefix: 'h_' });
  rpc = fixture.spawn(['--realm', 'tools-mcp', '--context-root', workspace]);
});

after(async () => {
  await fixture.stop();
  await http.close();
  await rm(workspace, { recursive: true, force: true });
});

function stdioServer(name: string, prefix: string, pidFile: string): Record<string, unknown> {
  return {
    name,
    command: process.execPath,
    args: [STDIO_SERVER, 'normal', prefix],
    env: { FIXTURE_PID_FILE: pidFile },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function pidsIn(file: string): Promise<number[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map(Number);
}

async function deferredSession(client: RpcClient = rpc): Promise<string> {
  const created = await client.call<{ session_id: string }>('session/create', {
    prompt: 'hello',
    initial_turn: 'deferred',
  });
  return created.session_id;
}

/** Runs a turn whose first step makes `calls`; returns the completed calls by id. */
async function turn(
  sessionId: string,
  calls: FakeToolCall[],
  marker: string,
  client: RpcClient = rpc,
): Promise<Map<string, CompletedTool>> {
  const steps =
    calls.length === 0 ? [{ text: `${marker} done` }] : [{ tools: calls }, { text: `${marker} done` }];
  const result = await client.call<{ text: string }>('turn/start', {
    session_id: sessionId,
    prompt: scripted(steps, marker),
  });
  assert.equal(result.text, `${marker} done`);
  return new Map(completedTools(client, sessionId).map((call) => [call.id, call]));
}

function ok(calls: Map<string, CompletedTool>, id: string): string {
  const call = calls.get(id);
  assert.ok(call, `call ${id} completed`);
  assert.equal(call.is_error, false, `${call.name}: ${call.result}`);
  return call.result;
}

function failed(calls: Map<string, CompletedTool>, id: string): string {
  const call = calls.get(id);
  assert.ok(call, `call ${id} completed`);
  assert.equal(call.is_error, true, `${call.name} should fail: ${call.result}`);
  return call.result;
}

void test(
  'a stdio MCP server added live connects at the next turn, serves the model, reloads and is removed; its children are reaped',
  { timeout: 90_000 },
  async () => {
    const sessionId = await deferredSession();
    const pidFile = join(workspace, 'live.pids');
    const added = await rpc.call('mcp/add', {
      session_id: sessionId,
      server_config: stdioServer('fx', 's_', pidFile),
    });
    assertShape(McpResult, added, 'mcp/add');
    assert.deepEqual(added, {
      session_id: sessionId,
      operation: 'add',
      server_name: 'fx',
      status: 'staged',
      persisted: false,
    });
    assert.deepEqual(await pidsIn(pidFile), [], 'staged, not connected before the boundary');

    let calls = await turn(sessionId, [{ id: 'echo-1', name: 's_echo', args: { text: 'hi' } }], 'mcp-live-1');
    assert.equal(ok(calls, 'echo-1'), 'hi');
    assert.ok(offeredTools(fixture.fake.requests, 'mcp-live-1').includes('s_echo'));
    const [firstPid] = await pidsIn(pidFile);
    assert.ok(firstPid !== undefined && isAlive(firstPid));
    assert.deepEqual(
      toolConfigChanges(rpc, sessionId).map((payload) => [payload.operation, payload.target, payload.status]),
      [['add', 'fx', 'applied']],
    );

    const reloaded = await rpc.call('mcp/reload', { session_id: sessionId, server_name: 'fx' });
    assert.deepEqual(reloaded, {
      session_id: sessionId,
      operation: 'reload',
      server_name: 'fx',
      status: 'staged',
      persisted: false,
    });
    calls = await turn(sessionId, [{ id: 'echo-2', name: 's_echo', args: { text: 'again' } }], 'mcp-live-2');
    assert.equal(ok(calls, 'echo-2'), 'again');
    const [, secondPid] = await pidsIn(pidFile);
    assert.ok(secondPid !== undefined && isAlive(secondPid), 'the reload started a new child');
    await waitUntil(() => !isAlive(firstPid), 'the replaced child to exit');

    const removed = await rpc.call('mcp/remove', { session_id: sessionId, server_name: 'fx' });
    assert.deepEqual(removed, {
      session_id: sessionId,
      operation: 'remove',
      server_name: 'fx',
      status: 'staged',
      persisted: false,
    });
    calls = await turn(sessionId, [{ id: 'echo-3', name: 's_echo', args: { text: 'gone' } }], 'mcp-live-3');
    assert.match(failed(calls, 'echo-3'), /unknown tool/);
    await waitUntil(() => !isAlive(secondPid), 'the removed child to exit');
    assert.deepEqual(
      toolConfigChanges(rpc, sessionId).map((payload) => [
        payload.operation,
        payload.status,
        payload.applied_at_turn,
      ]),
      [
        ['add', 'applied', 1],
        ['reload', 'applied', 2],
        ['remove', 'applied', 3],
      ],
      'applied_at_turn: the session turn whose boundary applied the change',
    );
  },
);

void test('mcp/* refuse bad requests with the documented errors', { timeout: 90_000 }, async () => {
  const sessionId = await deferredSession();
  const notRegistered = errorOf(
    (await rpc.request('mcp/reload', { session_id: sessionId, server_name: 'nope' })).message,
  );
  assert.deepEqual(
    [notRegistered.code, notRegistered.message],
    [-32602, "MCP server 'nope' is not registered on this session"],
  );
  const empty = errorOf(
    (await rpc.request('mcp/remove', { session_id: sessionId, server_name: '' })).message,
  );
  assert.deepEqual([empty.code, empty.message], [-32602, 'server_name cannot be empty']);
  const strict = errorOf(
    (
      await rpc.request('mcp/add', {
        session_id: sessionId,
        server_config: { name: 'x', command: 'x' },
        extra: 1,
      })
    ).message,
  );
  assert.equal(strict.code, -32602);
  const badConfig = errorOf(
    (
      await rpc.request('mcp/add', {
        session_id: sessionId,
        server_config: { name: 'x', url: 'http://h', command: 'x' },
      })
    ).message,
  );
  assert.equal(badConfig.code, -32602);
  const unknown = errorOf(
    (await rpc.request('mcp/reload', { session_id: '01900000-0000-7000-8000-000000000001' })).message,
  );
  assert.equal(unknown.code, -32001);
  const all = await rpc.call('mcp/reload', { session_id: sessionId });
  assert.deepEqual(all, { session_id: sessionId, operation: 'reload', status: 'staged', persisted: false });
});

void test(
  'R28 mcp-server-fails: a crashed server gives a typed tool error naming it, other tools keep working, a reload revives it',
  { timeout: 90_000 },
  async () => {
    const sessionId = await deferredSession();
    const pidFile = join(workspace, 'crash.pids');
    await rpc.call('mcp/add', { session_id: sessionId, server_config: stdioServer('crashy', 'c_', pidFile) });
    await rpc.call('mcp/add', { session_id: sessionId, server_config: { name: 'web', url: http.url } });
    const prompt = scripted(
      [
        { tools: [{ id: 'crash', name: 'c_crash', args: {} }] },
        {
          tools: [
            { id: 'after', name: 'c_echo', args: { text: 'still there?' } },
            { id: 'web', name: 'h_echo', args: { text: 'over http' } },
            { id: 'clock', name: 'datetime', args: {} },
          ],
        },
        { text: 'survived' },
      ],
      'mcp-crash-1',
    );
    const result = await rpc.call<{ text: string }>('turn/start', { session_id: sessionId, prompt });
    assert.equal(result.text, 'survived', 'the run goes on after the crash');
    let calls = new Map(completedTools(rpc, sessionId).map((call) => [call.id, call]));
    assert.match(failed(calls, 'crash'), /MCP server 'crashy'/);
    assert.match(failed(calls, 'after'), /MCP server 'crashy'/);
    assert.equal(ok(calls, 'web'), 'over http');
    ok(calls, 'clock');
    const [crashedPid] = await pidsIn(pidFile);
    assert.ok(crashedPid !== undefined);
    await waitUntil(() => !isAlive(crashedPid), 'the crashed child to be gone');

    await rpc.call('mcp/reload', { session_id: sessionId, server_name: 'crashy' });
    calls = await turn(sessionId, [{ id: 'revived', name: 'c_echo', args: { text: 'back' } }], 'mcp-crash-2');
    assert.equal(ok(calls, 'revived'), 'back');
  },
);

void test(
  'persisted: true writes the project .rkat/mcp.toml, which new sessions connect from; a persisted remove deletes the entry',
  { timeout: 90_000 },
  async () => {
    const first = await deferredSession();
    const pidFile = join(workspace, 'persisted.pids');
    const added = await rpc.call('mcp/add', {
      session_id: first,
      server_config: stdioServer('kept', 'k_', pidFile),
      persisted: true,
    });
    assert.equal((added as { persisted: boolean }).persisted, true);
    const file = join(workspace, '.rkat', 'mcp.toml');
    assert.match(await readFile(file, 'utf8'), /name = "kept"/);

    const second = await deferredSession();
    const calls = await turn(
      second,
      [{ id: 'k', name: 'k_echo', args: { text: 'from the file' } }],
      'mcp-persisted-1',
    );
    assert.equal(ok(calls, 'k'), 'from the file');

    const refused = await rpc.request('mcp/add', {
      session_id: second,
      server_config: stdioServer('kept', 'k_', pidFile),
      persisted: true,
    });
    assert.equal(errorOf(refused.message).code, -32602, 'already registered on this session');
    assert.match(await readFile(file, 'utf8'), /name = "kept"/, 'a refused stage leaves the file as it was');

    await rpc.call('mcp/remove', { session_id: second, server_name: 'kept', persisted: true });
    assert.doesNotMatch(await readFile(file, 'utf8'), /name = "kept"/);
    await turn(second, [], 'mcp-persisted-2');
    await rpc.call('session/archive', { session_id: second });
    await rpc.call('session/archive', { session_id: first });
    for (const pid of await pidsIn(pidFile)) await waitUntil(() => !isAlive(pid), `child ${pid} to exit`);
  },
);

void test('closing rkat-rpc reaps the MCP children of its sessions', { timeout: 90_000 }, async () => {
  const home = await mkdtemp(join(tmpdir(), 'rkat-mcp-close-'));
  try {
    const client = fixture.spawn(['--realm', 'tools-mcp-close', '--context-root', home]);
    const sessionId = await deferredSession(client);
    const pidFile = join(home, 'close.pids');
    await client.call('mcp/add', {
      session_id: sessionId,
      server_config: stdioServer('closing', 'z_', pidFile),
    });
    await turn(sessionId, [{ id: 'z', name: 'z_echo', args: { text: 'up' } }], 'mcp-close', client);
    const [pid] = await pidsIn(pidFile);
    assert.ok(pid !== undefined && isAlive(pid));
    const exit = await client.close();
    assert.equal(exit.code, 0);
    await waitUntil(() => !isAlive(pid), 'the child to be reaped');
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
