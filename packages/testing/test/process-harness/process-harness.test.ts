import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { CrashHarness, RpcClient, withTimeout } from '../../src/process-harness/index.js';

// The process harness drives any JSONL server given as `bin`; here a tiny stand-in, so these tests
// need no rkat-rpc build.
const ECHO_SERVER = fileURLToPath(new URL('./echo-server.js', import.meta.url));

void test(
  'RpcClient: requests, errors, server → client requests, notifications and EOF',
  { timeout: 30_000 },
  async () => {
    const client = new RpcClient({
      bin: ECHO_SERVER,
      args: ['--flag'],
      env: { RKAT_TEST_FAULT_POINT: 'x:1' },
    });
    try {
      assert.deepEqual(await client.call('whoami'), { argv: ['--flag'], fault: 'x:1' });
      const { message } = await client.request('nope');
      assert.deepEqual(message.error, { code: -32601, message: 'Method not found: nope' });
      await assert.rejects(client.call('nope'), /nope failed/);
      client.answer('tool/execute', (params) => ({ result: { echoed: params.name } }));
      assert.deepEqual(await client.call('ask'), { echoed: 'lookup' });
      assert.equal(client.serverRequests('tool/execute').length, 1);
      client.start('stream', { count: 3 });
      const events = await client.waitForNotifications('session/event', () => true, 3);
      assert.equal(events.length, 3);
      await assert.rejects(
        client.waitFor(() => false, 'something that never comes', 200),
        /timed out waiting for something that never comes/,
      );
      assert.deepEqual(await client.close(), { code: 0, signal: null });
    } finally {
      client.kill();
    }
  },
);

void test(
  'CrashHarness: launches on one realm with the fault env, kills at a point, cleans up',
  { timeout: 30_000 },
  async () => {
    const harness = await CrashHarness.start({ bin: ECHO_SERVER, realm: 'harness-realm' });
    try {
      const launched = harness.launch({ faultPoint: 'commit:before:2', args: ['--extra'] });
      assert.deepEqual(await launched.call('whoami'), {
        argv: ['--state-root', harness.stateRoot, '--realm', 'harness-realm', '--extra'],
        fault: 'commit:before:2',
      });
      launched.start('stream', { count: 2 });
      await harness.killAt(launched, { textDeltas: 2, sessionId: 's', from: 0 });
      const survivor = harness.launch();
      assert.equal((await survivor.call<{ fault: unknown }>('whoami')).fault, null);
      // A process that exits on its own is not a kill: killAt says so.
      const exiting = harness.launch();
      exiting.child.stdin.end();
      await assert.rejects(harness.killAt(exiting, { faultPoint: true }), /rkat-rpc ended by \{"code":0/);
    } finally {
      await harness.stop();
    }
    assert.equal(existsSync(harness.stateRoot), false, 'stop removes the temp home');
    await assert.rejects(
      withTimeout(new Promise(() => {}), 20, 'forever'),
      /timed out after 20 ms waiting for forever/,
    );
  },
);
