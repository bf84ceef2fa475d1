import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { RpcClient, withTimeout } from './rpc-client.js';
import { SystemFixture, errorOf, scripted, sessionEvents } from './support.js';
import { TcpJsonlClient } from './tcp-client.js';

// Process lifecycle: flags, start-up errors, EOF and SIGTERM shutdown, the realm across a restart, TCP,
// and `rkat rpc`. Each test spawns its own short-lived processes.
const REALM = 'life-realm';
let fixture: SystemFixture;

before(async () => {
  fixture = await SystemFixture.start();
});

after(async () => {
  await fixture.stop();
});

const leasePath = (instance: string): string => join(fixture.stateRoot, REALM, 'leases', `${instance}.json`);
let persistedSession = '';
let interruptedSession = '';

void test(
  'stdin EOF: in-flight work is cancelled, the lease removed, exit 0, stderr silent',
  { timeout: 90_000 },
  async () => {
    const rpc = fixture.spawn(['--realm', REALM, '--instance', 'first']);
    const created = await rpc.call<{ session_id: string }>('session/create', {
      prompt: scripted([{ text: 'remember me' }]),
      labels: { keep: 'yes' },
    });
    persistedSession = created.session_id;
    assert.ok(existsSync(leasePath('first')), 'the lease exists while serving');
    const other = await rpc.call<{ session_id: string }>('session/create', {
      prompt: scripted([{ text: 'ok' }]),
    });
    interruptedSession = other.session_id;
    const turn = rpc.start('turn/start', {
      session_id: other.session_id,
      prompt: scripted([{ text: 'cut short by EOF', chunk: 2, stall_after: 1 }]),
    });
    await rpc.waitFor(
      () =>
        sessionEvents(rpc, other.session_id).some(
          ({ event }) => event.type === 'text_delta' && event.delta === 'cu',
        ),
      'the stalled turn',
    );
    rpc.write('an unterminated last line');
    const exit = await rpc.close();
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.equal(errorOf((await rpc.response(turn)).message).code, -32005);
    assert.equal(errorOf(rpc.messages.find((message) => message.id === null) ?? {}).code, -32700);
    assert.equal(existsSync(leasePath('first')), false, 'the lease is removed');
    assert.equal(rpc.stderr, '', 'nothing on stderr without RKAT_LOG');
  },
);

void test(
  'a second process on the same realm lists, reads and resumes every session',
  { timeout: 90_000 },
  async () => {
    assert.ok(persistedSession, 'the EOF test created the session');
    const logFile = join(fixture.home, 'second.log');
    const rpc = fixture.spawn([
      '--realm',
      REALM,
      '--log-file',
      logFile,
      // Every flag an SDK may pass parses (00-decisions.md §12c); live is not served.
      '--live-ws',
      '127.0.0.1:0',
      '--live-webrtc',
      '--live-tool-timeout-ms',
      '5000',
      '--live-ws-scheme',
      'ws',
      '--context-root',
      fixture.home,
      '--user-config-root',
      fixture.home,
      '--realm-backend',
      'sqlite',
    ]);
    const methods = (await rpc.call<{ methods: string[] }>('initialize')).methods;
    assert.ok(!methods.some((method) => method.startsWith('live/')));
    const list = await rpc.call<{ sessions: { session_id: string }[] }>('session/list', {
      labels: { keep: 'yes' },
    });
    assert.deepEqual(
      list.sessions.map((row) => row.session_id),
      [persistedSession],
    );
    const info = await rpc.call<{ last_assistant_text: string }>('session/read', {
      session_id: persistedSession,
    });
    assert.equal(info.last_assistant_text, 'remember me');
    const resumed = await rpc.call<{ text: string }>('turn/start', {
      session_id: persistedSession,
      prompt: scripted([{ text: 'resumed after restart' }]),
    });
    assert.equal(resumed.text, 'resumed after restart');
    const history = await rpc.call<{ message_count: number }>('session/history', {
      session_id: persistedSession,
    });
    assert.equal(history.message_count, 4);
    // The session whose turn EOF cut short is resumable too.
    const after = await rpc.call<{ text: string }>('turn/start', {
      session_id: interruptedSession,
      prompt: scripted([{ text: 'not wedged' }]),
    });
    assert.equal(after.text, 'not wedged');
    assert.deepEqual(await rpc.close(), { code: 0, signal: null });
    assert.equal(rpc.stderr, '', '--log-file keeps stderr silent');
    assert.match(await readFile(logFile, 'utf8'), /realm open/);
  },
);

void test(
  'start-up errors go to stderr and exit non-zero; stdout stays empty',
  { timeout: 90_000 },
  async () => {
    const cases = [
      ['--realm', REALM, '--isolated'],
      ['--realm', 'not/a realm'],
      ['--realm', REALM, '--realm-backend', 'jsonl'],
      ['--tcp', '0.0.0.0:0'],
      ['--max-frame-bytes', '0'],
    ];
    const processes = cases.map((args) => ({ args, rpc: fixture.spawn(args) }));
    for (const { args, rpc } of processes) {
      const exit = await withTimeout(rpc.exited, 60_000, `rkat-rpc ${args.join(' ')} to exit`);
      assert.notEqual(exit.code, 0, `${args.join(' ')} fails`);
      assert.notEqual(rpc.stderr, '', `${args.join(' ')} says why on stderr`);
      assert.deepEqual(rpc.messages, []);
    }
    assert.match(processes[0]?.rpc.stderr ?? '', /--realm and --isolated cannot be combined/);
  },
);

void test(
  'SIGTERM during a turn over TCP: the turn answers -32005, the lease goes, exit 0',
  { timeout: 90_000 },
  async () => {
    const rpc = fixture.spawn(['--realm', REALM, '--instance', 'tcp', '--tcp', '127.0.0.1:0'], {
      env: fixture.env({ RKAT_LOG: 'info' }),
    });
    const port = Number((await rpc.waitForStderr(/listening \{"host":"[^"]+","port":(\d+)\}/))[1]);
    const client = await TcpJsonlClient.connect(port);
    try {
      client.send({
        jsonrpc: '2.0',
        id: 1,
        method: 'session/create',
        params: { prompt: scripted([{ text: 'over tcp' }]) },
      });
      const created = (await client.response(1)).result as { session_id: string; text: string };
      assert.equal(created.text, 'over tcp');
      client.send({
        jsonrpc: '2.0',
        id: 2,
        method: 'turn/start',
        params: {
          session_id: created.session_id,
          prompt: scripted([{ text: 'stalls', chunk: 2, stall_after: 1 }]),
        },
      });
      const deadline = Date.now() + 10_000;
      while (
        !client.messages.some(
          (message) => (message.params?.event as { type?: string } | undefined)?.type === 'text_delta',
        )
      ) {
        assert.ok(Date.now() < deadline, 'the turn started streaming');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.ok(existsSync(leasePath('tcp')));
      rpc.child.kill('SIGTERM');
      assert.equal((await client.response(2)).error?.code, -32005);
      assert.deepEqual(await withTimeout(rpc.exited, 10_000, 'exit after SIGTERM'), {
        code: 0,
        signal: null,
      });
      assert.equal(existsSync(leasePath('tcp')), false);
    } finally {
      client.destroy();
    }
  },
);

void test('`rkat rpc` starts the same server with the same flags', { timeout: 90_000 }, async () => {
  const rkat = fileURLToPath(new URL('../../../../cli/dist/src/bin/rkat.js', import.meta.url));
  const rpc = new RpcClient({
    bin: rkat,
    preArgs: ['rpc'],
    args: ['--state-root', fixture.stateRoot, '--realm', REALM, '--instance', 'via-cli'],
    env: fixture.env(),
  });
  fixture.clients.push(rpc);
  const init = await rpc.call<{ contract_version: string; methods: string[] }>('initialize');
  assert.equal(init.contract_version, '0.6.6');
  assert.ok(init.methods.includes('tools/register'));
  const list = await rpc.call<{ sessions: { session_id: string }[] }>('session/list', {
    labels: { keep: 'yes' },
  });
  assert.deepEqual(
    list.sessions.map((row) => row.session_id),
    [persistedSession],
  );
  assert.deepEqual(await rpc.close(), { code: 0, signal: null });
  assert.equal(existsSync(leasePath('via-cli')), false);
});
