import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MeerkatClient, MeerkatError, SessionNotFoundError, type StreamEvent } from '../src/index.js';
import { SdkFixture, scripted } from './support.js';

// One realm, one client: sessions, turns, streams, deferred sessions, structured output, interrupt.
let fixture: SdkFixture;
let client: MeerkatClient;

before(async () => {
  fixture = await SdkFixture.start();
  client = await fixture.connect({ realmId: 'sdk-sessions' });
});

after(async () => {
  await fixture.stop();
});

void test('S10 multi-turn session: each turn updates the handle', { timeout: 30_000 }, async () => {
  const session = await client.createSession(scripted([{ text: 'first answer' }]));
  assert.equal(session.text, 'first answer');
  assert.equal(session.turns, 1);
  assert.equal(typeof session.usage.inputTokens, 'number');
  const second = await session.turn(scripted([{ text: 'second answer' }]));
  assert.equal(second.text, 'second answer');
  assert.equal(second.sessionId, session.id);
  assert.equal(session.lastResult, second);
  const history = await session.history();
  assert.equal(history.messageCount, 4);
  assert.deepEqual(
    history.messages.map((message) => message.role),
    ['user', 'block_assistant', 'user', 'block_assistant'],
  );
});

void test('S11 streaming: typed events in order, then the result', { timeout: 30_000 }, async () => {
  const session = await client.createSession(scripted([{ text: 'ready' }]));
  const stream = session.stream(scripted([{ text: 'streamed text', chunk: 3 }]));
  assert.throws(() => stream.result, { code: 'STREAM_NOT_CONSUMED' });
  const events: StreamEvent[] = [];
  let text = '';
  for await (const event of stream) {
    events.push(event);
    if (event.type === 'text_delta') text += event.delta;
  }
  const types = events.map((event) => event.type);
  assert.equal(types[0], 'run_started');
  assert.equal(types.at(-1), 'run_completed');
  assert.ok(types.indexOf('turn_started') < types.indexOf('text_delta'));
  assert.ok(types.indexOf('text_complete') < types.indexOf('turn_completed'));
  assert.equal(text, 'streamed text');
  const completed = events.at(-1);
  assert.ok(completed?.type === 'run_completed');
  assert.equal(completed.sessionId, session.id);
  assert.equal(typeof completed.usage.outputTokens, 'number');
  assert.equal(stream.result.text, 'streamed text');
  assert.equal(session.text, 'streamed text');
});

void test(
  'S12 createSessionStreaming: the first turn streamed, sessionId after',
  { timeout: 30_000 },
  async () => {
    const stream = client.createSessionStreaming(scripted([{ text: 'created while streaming' }]));
    assert.throws(() => client.createSessionStreaming('again'), { code: 'INVALID_STATE' });
    const [text, result] = await stream.collectText();
    assert.equal(text, 'created while streaming');
    assert.equal(result.text, 'created while streaming');
    assert.equal(stream.sessionId, result.sessionId);
    const resumed = await client.resumeSession(stream.sessionId);
    assert.equal((await resumed.turn(scripted([{ text: 'resumed' }]))).text, 'resumed');
  },
);

void test('S13 deferred session: created without a run, started later', { timeout: 30_000 }, async () => {
  const deferred = await client.createDeferredSession('hold on', { labels: { kind: 'deferred' } });
  const listed = await client.listSessions({ labels: { kind: 'deferred' } });
  assert.deepEqual(
    listed.map((info) => [info.sessionId, info.messageCount]),
    [[deferred.id, 0]],
  );
  const result = await deferred.startTurn(scripted([{ text: 'deferred ran' }]), { maxTokens: 512 });
  assert.equal(result.text, 'deferred ran');
  assert.equal(result.sessionId, deferred.id);
  const streamed = await deferred.stream(scripted([{ text: 'deferred streamed' }])).collect();
  assert.equal(streamed.text, 'deferred streamed');
});

void test(
  'S14 structured output: the JSON answer parsed against the schema',
  { timeout: 30_000 },
  async () => {
    const outputSchema = {
      type: 'object',
      properties: { city: { type: 'string' }, population: { type: 'integer' } },
      required: ['city', 'population'],
    };
    const session = await client.createSession(
      scripted([{ text: 'thinking about it' }, { json: { city: 'Oslo', population: 709000 } }]),
      { outputSchema },
    );
    assert.deepEqual(session.structuredOutput, { city: 'Oslo', population: 709000 });
  },
);

void test('S15 list, read, history and archive', { timeout: 30_000 }, async () => {
  const session = await client.createSession(scripted([{ text: 'to be archived' }]), {
    labels: { team: 'sdk-list' },
  });
  const listed = await client.listSessions({ labels: { team: 'sdk-list' } });
  assert.deepEqual(
    listed.map((info) => [info.sessionId, info.labels]),
    [[session.id, { team: 'sdk-list' }]],
  );
  const info = await client.readSession(session.id);
  assert.equal(info.sessionId, session.id);
  assert.equal(info.messageCount, 2);
  assert.equal(info.lastAssistantText, 'to be archived');
  assert.equal(info.isActive, false);
  const page = await client.readSessionHistory(session.id, { offset: 1, limit: 1 });
  assert.deepEqual([page.offset, page.messages.length, page.hasMore, page.messageCount], [1, 1, false, 2]);
  await session.archive();
  assert.deepEqual(await client.listSessions({ labels: { team: 'sdk-list' } }), []);
  await assert.rejects(session.turn('after archive'), (error: unknown) => {
    assert.ok(error instanceof SessionNotFoundError);
    assert.equal(error.code, '-32001');
    return true;
  });
});

void test('S16 interrupt from a concurrent call ends the streamed turn', { timeout: 30_000 }, async () => {
  const session = await client.createSession(scripted([{ text: 'ready' }]));
  const stream = session.stream(scripted([{ text: 'never finishes', chunk: 2, stall_after: 1 }]));
  const seen: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const event of stream) {
        seen.push(event.type);
        if (event.type === 'text_delta') await session.interrupt();
      }
    })(),
    (error: unknown) => {
      assert.ok(error instanceof MeerkatError);
      assert.equal(error.code, '-32005');
      return true;
    },
  );
  assert.ok(seen.includes('text_delta'));
  assert.equal((await session.turn(scripted([{ text: 'after the interrupt' }]))).text, 'after the interrupt');
});

void test('S17 resume with the same realm in a new client', { timeout: 30_000 }, async () => {
  const session = await client.createSession(scripted([{ text: 'remember me' }]));
  const other = await fixture.connect({ realmId: 'sdk-sessions' });
  const resumed = await other.resumeSession(session.id);
  assert.equal(resumed.id, session.id);
  const result = await resumed.turn(scripted([{ text: 'resumed elsewhere' }]));
  assert.equal(result.text, 'resumed elsewhere');
  assert.equal((await other.readSessionHistory(session.id)).messageCount, 4);
  await other.close();
  await assert.rejects(other.readSession(session.id), { code: 'CLIENT_CLOSED' });
});

void test(
  'S18 a session subscription sees the events of every run until closed',
  { timeout: 30_000 },
  async () => {
    const session = await client.createSession(scripted([{ text: 'ready' }]));
    const subscription = await session.subscribeEvents();
    assert.ok(subscription.id.length > 0);
    await session.turn(scripted([{ text: 'one' }]));
    await session.turn(scripted([{ text: 'two' }]));
    const completed: string[] = [];
    for await (const envelope of subscription) {
      if (envelope.payload.type === 'run_completed') completed.push(envelope.payload.result);
      assert.equal(typeof envelope.seq, 'number');
      if (completed.length === 2) await subscription.close();
    }
    assert.deepEqual(completed, ['one', 'two']);
    assert.equal(subscription.isClosed, true);
    await assert.rejects(client.subscribeSessionEvents(crypto.randomUUID()), {
      name: 'SessionNotFoundError',
    });
  },
);

void test('S19 fork at a message and fork with a replacement', { timeout: 30_000 }, async () => {
  const session = await client.createSession(scripted([{ text: 'original answer' }]));
  await session.turn(scripted([{ text: 'second answer' }]));
  const forked = await session.forkAt(2);
  assert.equal(forked.sourceSessionId, session.id);
  assert.notEqual(forked.sessionId, session.id);
  assert.equal(forked.messageCount, 2);
  const fork = client.session(forked.sessionId);
  assert.equal((await fork.turn(scripted([{ text: 'forked turn' }]))).text, 'forked turn');
  const replaced = await session.forkReplace(0, {
    type: 'message',
    message: { role: 'user', content: 'replaced' },
  });
  assert.notEqual(replaced.sessionId, session.id);
});

void test(
  'S42 _startTurnStreaming: a streamed turn by id, bound to a Session handle when one is given',
  { timeout: 30_000 },
  async () => {
    const session = await client.createSession(scripted([{ text: 'ready' }]));
    const bound = client._startTurnStreaming(
      session.id,
      scripted([{ text: 'bound run', chunk: 3 }]),
      {},
      session,
    );
    assert.equal(bound.sessionId, session.id);
    assert.throws(() => bound.result, { code: 'STREAM_NOT_CONSUMED' });
    const [text, result] = await bound.collectText();
    assert.equal(text, 'bound run');
    assert.equal(session.lastResult, result);
    assert.equal(session.text, 'bound run');
    assert.equal(bound.session, session);

    const unbound = client._startTurnStreaming(session.id, scripted([{ text: 'by id only' }]), {
      additionalInstructions: ['be brief'],
    });
    const events: StreamEvent[] = [];
    for await (const event of unbound) events.push(event);
    assert.equal(events[0]?.type, 'run_started');
    assert.equal(events.at(-1)?.type, 'run_completed');
    assert.equal(unbound.result.text, 'by id only');
    assert.equal(session.text, 'bound run', 'a stream without a session leaves the handle alone');
    assert.notEqual(unbound.session, session);
    assert.equal(unbound.session.id, session.id);
    assert.equal(unbound.session.text, 'by id only');

    const idle = new MeerkatClient();
    assert.throws(() => idle._startTurnStreaming(session.id, 'hi'), { code: 'NOT_CONNECTED' });
  },
);
