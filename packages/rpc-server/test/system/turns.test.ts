import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  SessionEventParams,
  SessionStreamEndParams,
  SessionStreamEventParams,
  TurnErrorMetadata,
  WireRunResult,
} from '@rkat/contracts';
import type { RpcClient } from './rpc-client.js';
import { InterruptResult, StreamCloseResult, StreamOpenResult } from './result-schemas.js';
import { SystemFixture, assertShape, errorOf, resultOf, scripted, sessionEvents } from './support.js';

// One process: concurrency (busy, interrupt, cancel), failed runs, and stream subscriptions.
let fixture: SystemFixture;
let rpc: RpcClient;

before(async () => {
  fixture = await SystemFixture.start();
  rpc = fixture.spawn(['--realm', 'turns-realm']);
});

after(async () => {
  await fixture.stop();
});

async function newSession(text = 'ready'): Promise<string> {
  const result = await rpc.call<{ session_id: string }>('session/create', { prompt: scripted([{ text }]) });
  return result.session_id;
}

/** Starts a turn whose model call stalls after its first chunk, and waits until the model is streaming. */
async function startStalledTurn(sessionId: string): Promise<number> {
  const seen = sessionEvents(rpc, sessionId).length;
  const id = rpc.start('turn/start', {
    session_id: sessionId,
    prompt: scripted([{ text: 'never finishes', chunk: 2, stall_after: 1 }]),
  });
  await rpc.waitFor(
    () =>
      sessionEvents(rpc, sessionId)
        .slice(seen)
        .some(({ event }) => event.type === 'text_delta'),
    'the stalled turn to start streaming',
  );
  return id;
}

void test(
  'a second concurrent turn is SESSION_BUSY; turn/interrupt ends the first with -32005',
  { timeout: 90_000 },
  async () => {
    const sessionId = await newSession();
    const running = await startStalledTurn(sessionId);
    const busy = errorOf(
      (await rpc.request('turn/start', { session_id: sessionId, prompt: 'again' })).message,
    );
    assert.deepEqual([busy.code, busy.message], [-32002, `session is busy: ${sessionId}`]);
    // session/read is answered while the turn runs, and reports it.
    assert.equal((await rpc.call('session/read', { session_id: sessionId })).is_active, true);

    const interrupted = await rpc.call('turn/interrupt', { session_id: sessionId });
    assertShape(InterruptResult, interrupted, 'turn/interrupt');
    const answer = errorOf((await rpc.response(running)).message);
    assert.equal(answer.code, -32005);
    // The busy flag is released: the next turn runs.
    const next = await rpc.call<{ text: string }>('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: 'after the interrupt' }]),
    });
    assert.equal(next.text, 'after the interrupt');
    // Interrupting an idle session is a successful no-op.
    assert.deepEqual(await rpc.call('turn/interrupt', { session_id: sessionId }), { interrupted: true });
    assert.equal(
      errorOf((await rpc.request('turn/interrupt', { session_id: crypto.randomUUID() })).message).code,
      -32001,
    );
  },
);

void test('a cancel notification answers -32005 and frees the session', { timeout: 90_000 }, async () => {
  const sessionId = await newSession();
  const running = await startStalledTurn(sessionId);
  rpc.send({ jsonrpc: '2.0', method: 'cancel', params: { request_id: running } });
  assert.equal(errorOf((await rpc.response(running)).message).code, -32005);
  const next = await rpc.call<{ text: string }>('turn/start', {
    session_id: sessionId,
    prompt: scripted([{ text: 'after cancel' }]),
  });
  assert.equal(next.text, 'after cancel');
});

void test(
  'a failed first turn answers its class code, data.error and data.session_id',
  { timeout: 90_000 },
  async () => {
    const { message, index } = await rpc.request('session/create', {
      prompt: scripted([{ error: { status: 400, message: 'bad request from the fake' } }]),
    });
    const error = errorOf(message);
    assert.equal(error.code, -32010);
    assert.match(error.message, /^turn abandoned: /);
    const data = error.data as { error: unknown; session_id: string };
    assertShape(TurnErrorMetadata, data.error, 'data.error');
    const failedEvents = sessionEvents(rpc, data.session_id);
    assert.equal(failedEvents.at(-1)?.event.type, 'run_failed');
    assert.ok(
      failedEvents.every((entry) => entry.index < index),
      'run_failed precedes the response',
    );
    // The created session is real and resumable.
    assert.equal(
      (await rpc.call('session/read', { session_id: data.session_id })).session_id,
      data.session_id,
    );
    const resumed = await rpc.call<{ text: string }>('turn/start', {
      session_id: data.session_id,
      prompt: scripted([{ text: 'recovered' }]),
    });
    assert.equal(resumed.text, 'recovered');
    // A failed turn/start carries data.error only.
    const turn = errorOf(
      (
        await rpc.request('turn/start', {
          session_id: data.session_id,
          prompt: scripted([{ error: { status: 404 } }]),
        })
      ).message,
    );
    assert.equal(turn.code, -32010);
    assert.deepEqual(Object.keys(turn.data as object), ['error']);
  },
);

void test(
  'stream_open delivers every later event of the session; stream_close ends it',
  { timeout: 90_000 },
  async () => {
    const sessionId = await newSession();
    const opened = await rpc.call<{ stream_id: string }>('session/stream_open', { session_id: sessionId });
    assertShape(StreamOpenResult, opened, 'session/stream_open');
    const { message } = await rpc.request('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: 'streamed' }]),
    });
    assertShape(WireRunResult, resultOf(message), 'turn/start');
    const streamed = await rpc.waitForNotifications(
      'session/stream_event',
      (note) =>
        note.params?.stream_id === opened.stream_id &&
        (note.params.event as { type: string }).type === 'run_completed',
    );
    const events = rpc
      .notifications('session/stream_event')
      .filter((note) => note.params?.stream_id === opened.stream_id);
    assert.ok(streamed.length === 1 && events.length > 2);
    events.forEach((note, position) => {
      assertShape(SessionStreamEventParams, note.params, 'session/stream_event params');
      assert.equal(note.params?.sequence, position + 1, 'sequence counts from 1 without gaps');
    });
    assert.equal((events[0]?.params?.event as { type: string }).type, 'run_started');
    // The same events also went out as session/event for the turn/start request.
    assertShape(SessionEventParams, rpc.notifications('session/event').at(-1)?.params, 'session/event');

    const closed = await rpc.call('session/stream_close', { stream_id: opened.stream_id });
    assertShape(StreamCloseResult, closed, 'session/stream_close');
    assert.deepEqual(closed, { stream_id: opened.stream_id, closed: true, already_closed: false });
    const [end] = await rpc.waitForNotifications(
      'session/stream_end',
      (note) => note.params?.stream_id === opened.stream_id,
    );
    assertShape(SessionStreamEndParams, end?.params, 'session/stream_end');
    assert.equal(end?.params?.outcome, 'explicit_close');
    assert.deepEqual(await rpc.call('session/stream_close', { stream_id: opened.stream_id }), {
      stream_id: opened.stream_id,
      closed: true,
      already_closed: true,
    });
    const unknownId = crypto.randomUUID();
    assert.equal((await rpc.call('session/stream_close', { stream_id: unknownId })).already_closed, false);
    const invalid = errorOf((await rpc.request('session/stream_close', { stream_id: 'not-a-uuid' })).message);
    assert.deepEqual([invalid.code, invalid.message], [-32602, 'Invalid stream_id: not-a-uuid']);
    assert.equal(
      errorOf((await rpc.request('session/stream_open', { session_id: crypto.randomUUID() })).message).code,
      -32001,
    );
  },
);

void test('archiving a streamed session ends its stream with remote_end', { timeout: 90_000 }, async () => {
  const sessionId = await newSession();
  const opened = await rpc.call<{ stream_id: string }>('session/stream_open', { session_id: sessionId });
  await rpc.call('session/archive', { session_id: sessionId });
  const [end] = await rpc.waitForNotifications(
    'session/stream_end',
    (note) => note.params?.stream_id === opened.stream_id,
  );
  assert.equal(end?.params?.outcome, 'remote_end');
  assert.equal(
    errorOf((await rpc.request('session/stream_open', { session_id: sessionId })).message).code,
    -32602,
  );
});
