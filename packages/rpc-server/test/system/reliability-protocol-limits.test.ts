import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BlobStore, realmPaths } from '@rkat/runtime';
import { withTimeout, type RpcClient } from './rpc-client.js';
import {
  pollUntil,
  readSessionsDatabase,
  residentBytes,
  sessionsDatabasePath,
  writeWithBackpressure,
} from './reliability-protocol-support.js';
import { SystemFixture, errorOf, resultOf, scripted, sessionEvents } from './support.js';
import { TcpJsonlClient } from './tcp-client.js';

// Reliability rows 16 (oversized and never-ending frames) and 17 (slow reader) against real processes.
const REALM = 'rel-limits';
const MIB = 1024 * 1024;
const MAX_FRAME_BYTES = MIB;
let fixture: SystemFixture;
let rpc: RpcClient;

before(async () => {
  fixture = await SystemFixture.start();
  rpc = fixture.spawn(['--realm', REALM, '--max-frame-bytes', String(MAX_FRAME_BYTES)]);
});

after(async () => {
  await fixture.stop();
});

const createSession = async (client: RpcClient, text: string): Promise<string> =>
  (await client.call<{ session_id: string }>('session/create', { prompt: scripted([{ text }]) })).session_id;

/** `session/event`s of a session after `afterSeq`. */
const eventsAfter = (client: RpcClient, sessionId: string, afterSeq: number): Record<string, unknown>[] =>
  sessionEvents(client, sessionId)
    .map(({ event }) => event)
    .filter((event) => (event.seq as number) > afterSeq);

const lastSeq = (client: RpcClient, sessionId: string): number =>
  Math.max(0, ...sessionEvents(client, sessionId).map(({ event }) => event.seq as number));

void test(
  'R16 oversized-frame: 128 MiB without a newline keeps memory flat; a running turn is unaffected',
  { timeout: 90_000, skip: process.platform !== 'linux' && 'reads /proc for the resident set size' },
  async () => {
    const sessionId = await createSession(rpc, 'warm up');
    const steady = 'steady progress while a giant line streams in';
    const turn = rpc.start('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: steady, chunk: 1, delay_ms: 25 }]),
    });
    const baseline = residentBytes(rpc.child.pid as number);
    let peak = baseline;
    await writeWithBackpressure(
      rpc.child.stdin,
      '{"jsonrpc":"2.0","id":"endless","method":"session/create","params":{"prompt":"',
    );
    const mebibyte = Buffer.alloc(MIB, 0x61);
    for (let index = 0; index < 128; index += 1) {
      await writeWithBackpressure(rpc.child.stdin, mebibyte);
      if (index % 8 === 7) peak = Math.max(peak, residentBytes(rpc.child.pid as number));
    }
    // The line is still open: the turn started before it ran to completion and streamed all its events.
    const answered = resultOf<{ text: string }>((await rpc.response(turn)).message);
    assert.equal(answered.text, steady);
    const deltas = sessionEvents(rpc, sessionId).filter(({ event }) => event.type === 'text_delta');
    assert.equal(deltas.map(({ event }) => event.delta).join(''), `warm up${steady}`);
    peak = Math.max(peak, residentBytes(rpc.child.pid as number));
    // Read buffers and GC lag account for about 25 MiB; a server that kept the line would grow by 128.
    assert.ok(
      peak - baseline < 64 * MIB,
      `resident set grew by ${Math.round((peak - baseline) / MIB)} MiB while discarding a 128 MiB line`,
    );

    rpc.write('"}}\n');
    const tooLarge = errorOf((await rpc.response('endless')).message);
    assert.equal(tooLarge.code, -32600);
    const data = tooLarge.data as { code: string; max_frame_bytes: number; frame_bytes: number };
    assert.equal(data.code, 'FRAME_TOO_LARGE');
    assert.equal(data.max_frame_bytes, MAX_FRAME_BYTES);
    assert.ok(data.frame_bytes > 128 * MIB);
    const list = await rpc.call<{ sessions: unknown[] }>('session/list');
    assert.equal(list.sessions.length, 1, 'the oversized session/create never ran');
  },
);

/** A turn that streams one `text_delta` per character: far more events than the outbound queue holds. */
const FLOOD_TEXT = 'flood '.repeat(2_000);
const floodPrompt = (): string => scripted([{ text: FLOOD_TEXT, chunk: 1 }]);

void test(
  'R17 slow-reader: events past the bound are dropped and counted in a stream_truncated marker; history is complete',
  { timeout: 90_000 },
  async () => {
    const lagging = await createSession(rpc, 'lagging');
    const from = lastSeq(rpc, lagging);
    const database = sessionsDatabasePath(fixture.stateRoot, REALM);
    rpc.child.stdout.pause();
    const turn = rpc.start('turn/start', { session_id: lagging, prompt: floodPrompt() });
    // The turn commits while nobody reads: persistence does not wait for the reader.
    await pollUntil(
      () =>
        readSessionsDatabase(
          database,
          (db) =>
            (
              db.prepare('SELECT message_count FROM sessions WHERE session_id = ?').get(lagging) as {
                message_count: number;
              }
            ).message_count === 4,
        ),
      30_000,
      'the unread turn to commit',
    );
    rpc.child.stdout.resume();
    assert.equal(resultOf<{ text: string }>((await rpc.response(turn)).message).text, FLOOD_TEXT);

    const events = eventsAfter(rpc, lagging, from);
    const markers = events.filter((event) => event.type === 'stream_truncated');
    assert.ok(markers.length >= 1, 'the reader is told it lagged');
    const dropped = markers
      .map((marker) => /^(\d+) events dropped: /.exec(marker.reason as string))
      .reduce((sum, match) => sum + Number(match?.[1]), 0);
    // Seqs number every event of the session: the run's last seq (delivered, or named by the marker that
    // reports it dropped) tells how many events the run had.
    const total = Math.max(...events.map((event) => event.seq as number)) - from;
    assert.ok(total > 2 * 4096, `${total} events: more than twice the queue bound`);
    const delivered = events.length - markers.length;
    assert.ok(dropped > 0, 'events were dropped');
    assert.equal(delivered + dropped, total, 'every event is either delivered or counted as dropped');

    const info = await rpc.call<{ last_assistant_text: string; message_count: number }>('session/read', {
      session_id: lagging,
    });
    assert.deepEqual([info.last_assistant_text, info.message_count], [FLOOD_TEXT, 4]);
  },
);

void test(
  'R17 slow-reader: a reader blocked past --write-timeout-ms ends the connection and the process cleanly',
  { timeout: 90_000 },
  async () => {
    const instance = 'stalled-reader';
    const stalled = fixture.spawn(['--realm', REALM, '--instance', instance, '--write-timeout-ms', '300']);
    const sessionId = await createSession(stalled, 'before the stall');
    stalled.child.stdout.pause();
    stalled.start('turn/start', { session_id: sessionId, prompt: floodPrompt() });
    const exit = await withTimeout(stalled.exited, 30_000, 'the stalled connection to be closed');
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.equal(stalled.stderr, '');
    assert.equal(existsSync(join(fixture.stateRoot, REALM, 'leases', `${instance}.json`)), false);

    // The session stays readable and resumable from the other process on the realm.
    const info = await rpc.call<{ message_count: number }>('session/read', { session_id: sessionId });
    assert.ok(info.message_count >= 2);
    const resumed = await rpc.call<{ text: string }>('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: 'resumed' }]),
    });
    assert.equal(resumed.text, 'resumed');
  },
);

void test(
  'R17 slow-reader: over TCP, a connection that stops reading is closed at the write timeout; others go on',
  { timeout: 90_000 },
  async () => {
    const server = fixture.spawn(
      ['--realm', REALM, '--instance', 'tcp-stall', '--tcp', '127.0.0.1:0', '--write-timeout-ms', '500'],
      { env: fixture.env({ RKAT_LOG: 'debug' }) },
    );
    const port = Number((await server.waitForStderr(/listening \{"host":"[^"]+","port":(\d+)\}/))[1]);
    // Responses are never dropped: a reader that never reads fills every buffer with them.
    const blobs = new BlobStore(realmPaths(fixture.stateRoot, REALM).blobsDirectory);
    const blobId = await blobs.putBlob(Buffer.alloc(4 * MIB, 0x62), 'application/octet-stream');
    const stalled = connect({ host: '127.0.0.1', port });
    await withTimeout(once(stalled, 'connect'), 10_000, 'the stalled connection');
    stalled.on('error', () => {});
    stalled.pause();
    for (let id = 1; id <= 16; id += 1) {
      stalled.write(
        `${JSON.stringify({ jsonrpc: '2.0', id, method: 'blob/get', params: { blob_id: blobId } })}\n`,
      );
    }
    const healthy = await TcpJsonlClient.connect(port);
    try {
      await server.waitForStderr(/connection closed \{"connection":"conn-\d+","reason":"write_timeout"\}/);
      // The other connection and the process are unaffected.
      healthy.send({ jsonrpc: '2.0', id: 'after', method: 'session/list', params: {} });
      assert.ok((await healthy.response('after')).result);
      assert.equal(server.child.exitCode, null);
      assert.equal(
        (server.stderr.match(/reason":"write_timeout"/g) ?? []).length,
        2,
        'closing and closed, once',
      );
    } finally {
      healthy.destroy();
      stalled.destroy();
    }
  },
);
