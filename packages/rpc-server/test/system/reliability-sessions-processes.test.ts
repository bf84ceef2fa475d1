import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CrashHarness, occurrences, readHistory, withTimeout } from '@rkat/testing/process-harness';
import { RKAT_RPC_BIN, type RpcClient } from './rpc-client.js';
import { EXIT_BOUND_MS, createSession, leasesDirectory, streaming } from './reliability-sessions-support.js';
import { errorOf, scripted } from './support.js';

// Reliability rows 7 and 1 across processes, and row 4 on the realm's files: several rkat-rpc processes
// on one realm, sharing only the state root.
let harness: CrashHarness;

before(async () => {
  harness = await CrashHarness.start({ bin: RKAT_RPC_BIN, realm: 'reliability-processes' });
});

after(async () => {
  await harness.stop();
});

void test(
  'R7 concurrent-turns-one-session across two processes: busy until the first ends; a killed holder is taken over',
  { timeout: 120_000 },
  async () => {
    const first = harness.launch();
    const second = harness.launch();
    const sessionId = await createSession(first);
    const before = await readHistory(second, sessionId);

    // Held by a live process: busy, also for interrupts sent to the other process (a no-op there).
    const from = first.messages.length;
    const running = first.start('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: 'held', chunk: 2, stall_after: 1 }]),
    });
    await streaming(first, sessionId, from);
    const busy = errorOf(
      (await second.request('turn/start', { session_id: sessionId, prompt: 'refused' })).message,
    );
    assert.deepEqual([busy.code, busy.message], [-32002, `session is busy: ${sessionId}`]);
    assert.deepEqual(await second.call('turn/interrupt', { session_id: sessionId }), { interrupted: true });
    assert.equal(
      first.messages.some((message) => message.id === running),
      false,
      'still running',
    );
    await first.call('turn/interrupt', { session_id: sessionId });
    assert.equal(errorOf((await first.response(running)).message).code, -32005);

    // Released by the interrupt: the other process runs the next turn.
    const freed = await second.call<{ text: string }>('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: 'from the second process' }]),
    });
    assert.equal(freed.text, 'from the second process');

    // The same instant from both processes: exactly one runs.
    const markers = [`one-${randomUUID()}`, `two-${randomUUID()}`];
    const clients = [first, second];
    const ids = clients.map((client, index) =>
      client.start('turn/start', {
        session_id: sessionId,
        prompt: scripted([{ text: 'slow reply', chunk: 2, delay_ms: 40 }], markers[index]),
      }),
    );
    const answers = await Promise.all(clients.map((client, index) => client.response(ids[index])));
    const winners = answers.flatMap(({ message }, index) => (message.error === undefined ? [index] : []));
    assert.equal(
      winners.length,
      1,
      `exactly one ran: ${JSON.stringify(answers.map(({ message }) => message.error))}`,
    );
    const loser = 1 - (winners[0] ?? 0);
    assert.equal(errorOf(answers[loser]?.message ?? {}).code, -32002);

    // The loser's process reloads what the winner committed: no interleaving, and it can go on.
    const history = await readHistory(clients[loser] as RpcClient, sessionId);
    assert.equal(occurrences(history.messages, markers[loser] ?? ''), 0);
    assert.equal(occurrences(history.messages, markers[winners[0] ?? 0] ?? ''), 1);
    assert.deepEqual(
      history.messages.slice(before.message_count).map((message) => message.role),
      ['user', 'block_assistant', 'user', 'block_assistant'],
      'the freed turn and the winner: whole turns, one after the other',
    );
    const after = await (clients[loser] as RpcClient).call<{ text: string }>('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: 'loser goes on' }]),
    });
    assert.equal(after.text, 'loser goes on');

    // A process SIGKILLed while it holds the session: its claim is taken over at once (the holder's
    // process is gone), not after the 30 s expiry, and its orphaned input is re-delivered (R1).
    const answer = `re-delivered-${randomUUID()}`;
    const killedFrom = first.messages.length;
    first.start('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: answer, chunk: 2, stall_after: 1, fault_times: 1 }]),
    });
    await harness.killAt(first, { textDeltas: 1, sessionId, from: killedFrom });
    const takenAt = Date.now();
    const taken = await second.call<{ text: string }>('turn/start', {
      session_id: sessionId,
      prompt: 'take over',
    });
    assert.ok(Date.now() - takenAt < 10_000, 'no wait for the claim expiry');
    assert.equal(taken.text, answer, 'the model answered the re-delivered prompt');
    await second.close();
  },
);

void test(
  'R4 torn-append: torn and stray realm files never break start-up or listing; a torn manifest fails closed, named',
  { timeout: 120_000 },
  async () => {
    const realmRoot = join(harness.stateRoot, harness.realm);
    await mkdir(leasesDirectory(harness), { recursive: true });
    const lease = JSON.stringify({
      realm_id: harness.realm,
      instance_id: 'torn',
      surface: 'rkat-rpc',
      pid: 1,
    });
    await writeFile(join(leasesDirectory(harness), 'torn.json'), lease.slice(0, 30));
    await writeFile(join(leasesDirectory(harness), 'torn.json.77.abcdefabcdef.tmp'), lease.slice(0, 10));
    await writeFile(join(realmRoot, 'config.toml.77.abcdefabcdef.tmp'), '[agent\nmodel = "');
    await writeFile(join(realmRoot, 'realm_manifest.json.77.abcdefabcdef.tmp'), '{"realm_id":');
    const server = harness.launch();
    const sessionId = await createSession(server);
    const listed = await server.call<{ sessions: { session_id: string }[] }>('session/list');
    assert.ok(listed.sessions.some((row) => row.session_id === sessionId));
    assert.deepEqual(await server.call('realm/list'), { realms: [] });
    assert.deepEqual(await server.close(), { code: 0, signal: null });

    // The manifest is the realm's identity: a torn one stops the start-up, named on stderr.
    const manifestPath = join(realmRoot, 'realm_manifest.json');
    const manifest = await readFile(manifestPath, 'utf8');
    await writeFile(manifestPath, manifest.slice(0, 15));
    try {
      const refused = harness.launch();
      assert.equal((await withTimeout(refused.exited, EXIT_BOUND_MS, 'the refused start')).code, 1);
      assert.match(refused.stderr, /realm manifest .*realm_manifest\.json is unreadable/);
      assert.deepEqual(refused.messages, []);
    } finally {
      await writeFile(manifestPath, manifest);
    }
  },
);
