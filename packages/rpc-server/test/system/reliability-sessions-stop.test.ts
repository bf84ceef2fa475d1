import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import {
  CrashHarness,
  occurrences,
  readHistory,
  RpcClient as ProcessRpcClient,
  withTimeout,
} from '@rkat/testing/process-harness';
import { RKAT_RPC_BIN } from './rpc-client.js';
import {
  EXIT_BOUND_MS,
  assertResumable,
  createSession,
  leaseOf,
  processExists,
  streaming,
  waitUntil,
} from './reliability-sessions-support.js';
import { errorOf, scripted } from './support.js';

// Reliability row 6 (graceful stop): SIGTERM, stdin EOF and a killed parent, each during a turn. The
// stopped process must exit in bound, answer or settle the turn, remove its lease and leave no process
// behind; a fresh process then resumes the session. (rkat-rpc starts no shell or MCP children yet.)
const PARENT_SCRIPT = fileURLToPath(new URL('./reliability-sessions-parent.js', import.meta.url));
let harness: CrashHarness;

before(async () => {
  harness = await CrashHarness.start({ bin: RKAT_RPC_BIN, realm: 'reliability-stop' });
});

after(async () => {
  await harness.stop();
});

void test(
  'R6 graceful-stop: SIGTERM with a callback tool in flight answers the turn, settles it, exits 0, removes the lease',
  { timeout: 120_000 },
  async () => {
    const server = harness.launch({ args: ['--instance', 'sigterm'] });
    assert.deepEqual(
      await server.call('tools/register', {
        tools: [
          {
            name: 'slowtool',
            description: 'Never answered',
            input_schema: { type: 'object', properties: {} },
          },
        ],
      }),
      { registered: 1 },
    );
    const sessionId = await createSession(server);
    const marker = `sigterm-${randomUUID()}`;
    const turn = server.start('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ tools: [{ name: 'slowtool', args: {} }] }, { text: 'never' }], marker),
    });
    await server.waitFor(() => server.serverRequests('tool/execute').length === 1, 'the tool call in flight');
    assert.ok(existsSync(leaseOf(harness, 'sigterm')));
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    assert.deepEqual(await withTimeout(server.exited, EXIT_BOUND_MS, 'exit after SIGTERM'), {
      code: 0,
      signal: null,
    });
    assert.ok(Date.now() - signalled < EXIT_BOUND_MS);
    assert.equal(errorOf((await server.response(turn)).message).code, -32005, 'the turn was answered');
    assert.equal(existsSync(leaseOf(harness, 'sigterm')), false, 'the lease is removed');
    assert.equal(processExists(server.child.pid ?? -1), false, 'no orphan');

    // The call was committed with the turn's first boundary; the next process reports it interrupted
    // and never runs the tool again.
    const next = harness.launch();
    const history = await readHistory(next, sessionId);
    assert.equal(occurrences(history.messages, marker), 1, 'the prompt was committed with the call');
    const resumed = await next.call<{ text: string; tool_calls: number }>('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: 'after sigterm' }]),
    });
    assert.deepEqual([resumed.text, resumed.tool_calls], ['after sigterm', 0]);
    assert.equal(next.serverRequests('tool/execute').length, 0);
    assert.equal(occurrences(harness.fixture.fake.requests.at(-1)?.body, marker), 1, 'as history only');
    await next.close();
  },
);

void test(
  'R6 graceful-stop: stdin EOF from the SDK during a streaming turn exits 0 in bound; the input is settled',
  { timeout: 120_000 },
  async () => {
    const server = harness.launch({ args: ['--instance', 'eof'] });
    const sessionId = await createSession(server);
    const marker = `eof-${randomUUID()}`;
    const from = server.messages.length;
    const turn = server.start('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: 'y'.repeat(400), chunk: 4, delay_ms: 50 }], marker),
    });
    await streaming(server, sessionId, from);
    const closed = Date.now();
    assert.deepEqual(await server.close(), { code: 0, signal: null });
    assert.ok(Date.now() - closed < EXIT_BOUND_MS);
    assert.equal(errorOf((await server.response(turn)).message).code, -32005);
    assert.equal(existsSync(leaseOf(harness, 'eof')), false);
    await assertResumable(harness, sessionId, marker);
  },
);

void test(
  'R6 graceful-stop: a SIGKILLed parent leaves no orphan: rkat-rpc sees stdin EOF, settles the turn and exits',
  { timeout: 120_000 },
  async () => {
    const marker = `orphan-${randomUUID()}`;
    // The first turn of the create streams one delta and stalls: it is in flight when the parent dies.
    const create = {
      jsonrpc: '2.0',
      id: 1,
      method: 'session/create',
      params: { prompt: scripted([{ text: 'stalls', chunk: 2, stall_after: 1 }], marker) },
    };
    const parent = new ProcessRpcClient({
      bin: PARENT_SCRIPT,
      args: [
        JSON.stringify({
          bin: RKAT_RPC_BIN,
          args: ['--state-root', harness.stateRoot, '--realm', harness.realm, '--instance', 'orphan'],
          lines: [JSON.stringify(create)],
        }),
      ],
      env: harness.fixture.env(),
      timeoutMs: 30_000,
    });
    try {
      const childPid = await parentChildPid(parent);
      await parent.waitFor(
        () =>
          parent
            .notifications('session/event')
            .some((message) => (message.params?.event as { type?: string }).type === 'text_delta'),
        'the first turn to stream',
      );
      const sessionId = String(parent.notifications('session/event')[0]?.params?.session_id);
      assert.ok(existsSync(leaseOf(harness, 'orphan')));
      parent.kill();
      await withTimeout(parent.exited, 10_000, 'the parent to die');
      await waitUntil(() => !processExists(childPid), 'rkat-rpc to exit after its parent died');
      assert.equal(
        existsSync(leaseOf(harness, 'orphan')),
        false,
        'it shut down gracefully: the lease is removed',
      );
      await assertResumable(harness, sessionId, marker);
    } finally {
      parent.kill();
    }
  },
);

/** Waits for the stand-in parent's first line, `{"child_pid": n}`. */
async function parentChildPid(parent: ProcessRpcClient): Promise<number> {
  await parent.waitFor(
    () => parent.messages.some((message) => typeof message.child_pid === 'number'),
    'the child pid',
  );
  const line = parent.messages.find((message) => typeof message.child_pid === 'number');
  return line?.child_pid as number;
}
