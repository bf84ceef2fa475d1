import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  SessionEventParams,
  SessionHistoryResult,
  SessionListResult,
  WireRunResult,
  WireSessionInfo,
} from '@rkat/contracts';
import type { RpcClient } from './rpc-client.js';
import { ArchiveResult, DeferredCreateResult, ForkResult } from './result-schemas.js';
import { SystemFixture, assertShape, errorOf, resultOf, scripted, sessionEvents } from './support.js';

// One process: create, events before the response, list / read / history, turns, deferred, fork, archive.
let fixture: SystemFixture;
let rpc: RpcClient;

before(async () => {
  fixture = await SystemFixture.start();
  rpc = fixture.spawn(['--realm', 'sessions-realm']);
});

after(async () => {
  await fixture.stop();
});

/** Asserts the run's events are well-formed, numbered in order, and all written before its response. */
function assertEventsBeforeResponse(sessionId: string, responseIndex: number, from = 0): string[] {
  const events = sessionEvents(rpc, sessionId).slice(from);
  assert.ok(events.length > 0, 'the run sent events');
  for (const { index, event } of events) {
    assert.ok(index < responseIndex, `event ${String(event.type)} was written before the response`);
    assertShape(SessionEventParams, { session_id: sessionId, event }, 'session/event params');
    assert.equal(event.type, (event.payload as { type: string }).type, 'flat type mirrors the payload');
  }
  const seqs = events.map(({ event }) => event.seq as number);
  assert.deepEqual(
    seqs,
    [...seqs].sort((a, b) => a - b),
    'seq increases',
  );
  assert.equal(new Set(seqs).size, seqs.length, 'each event is sent once');
  return events.map(({ event }) => event.type as string);
}

let mainSession = '';

void test(
  'session/create runs the first turn; its events come first, in order',
  { timeout: 90_000 },
  async () => {
    const { message, index } = await rpc.request('session/create', {
      prompt: scripted([{ text: 'Hello from the fake.' }]),
      labels: { team: 'core' },
      model: null,
    });
    const result = resultOf<{ session_id: string; text: string; session_ref: string }>(message);
    assertShape(WireRunResult, result, 'session/create result');
    assert.equal(result.text, 'Hello from the fake.');
    assert.equal(result.session_ref, `sessions-realm:${result.session_id}`);
    mainSession = result.session_id;
    const types = assertEventsBeforeResponse(mainSession, index);
    assert.equal(types[0], 'run_started');
    assert.equal(types.at(-1), 'run_completed');
    assert.ok(types.includes('text_delta') && types.includes('turn_completed'));
    assert.equal(sessionEvents(rpc, mainSession)[0]?.event.seq, 1);
  },
);

void test(
  'session/list, session/read and session/history have the documented shapes',
  { timeout: 90_000 },
  async () => {
    const list = await rpc.call<{ sessions: { session_id: string; labels?: unknown }[] }>('session/list', {
      labels: { team: 'core' },
    });
    assertShape(SessionListResult, list, 'session/list');
    assert.deepEqual(
      list.sessions.map((row) => row.session_id),
      [mainSession],
    );
    assert.deepEqual((await rpc.call('session/list', { labels: { team: 'other' } })).sessions, []);
    const info = await rpc.call<{ message_count: number; last_assistant_text: string; provider: string }>(
      'session/read',
      { session_id: mainSession },
    );
    assertShape(WireSessionInfo, info, 'session/read');
    assert.equal(info.last_assistant_text, 'Hello from the fake.');
    assert.equal(info.provider, 'anthropic');
    const history = await rpc.call<{
      messages: { role: string }[];
      message_count: number;
      has_more: boolean;
    }>('session/history', { session_id: `sessions-realm:${mainSession}`, offset: 0, limit: 1 });
    assertShape(SessionHistoryResult, history, 'session/history');
    assert.equal(history.messages.length, 1);
    assert.equal(history.messages[0]?.role, 'user');
    assert.equal(history.has_more, history.message_count > 1);
  },
);

void test('turn/start resumes the session; its events precede its result', { timeout: 90_000 }, async () => {
  const before = sessionEvents(rpc, mainSession).length;
  const { message, index } = await rpc.request('turn/start', {
    session_id: mainSession,
    prompt: scripted([{ text: 'Second answer.' }]),
  });
  const result = resultOf<{ text: string; turns: number }>(message);
  assertShape(WireRunResult, result, 'turn/start result');
  assert.equal(result.text, 'Second answer.');
  const types = assertEventsBeforeResponse(mainSession, index, before);
  assert.deepEqual([types[0], types.at(-1)], ['run_started', 'run_completed']);
  const history = await rpc.call<{ message_count: number }>('session/history', { session_id: mainSession });
  assert.equal(history.message_count, 4);
});

void test(
  'a deferred session runs nothing until its first turn, which may still set its prompt',
  { timeout: 90_000 },
  async () => {
    const events = rpc.notifications('session/event').length;
    const created = await rpc.call<{ session_id: string }>('session/create', {
      prompt: 'staged context',
      initial_turn: 'deferred',
      labels: { kind: 'deferred' },
    });
    assertShape(DeferredCreateResult, created, 'deferred session/create');
    assert.equal(rpc.notifications('session/event').length, events, 'a deferred create runs nothing');
    const listed = await rpc.call<{ sessions: { session_id: string; message_count: number }[] }>(
      'session/list',
      {
        labels: { kind: 'deferred' },
      },
    );
    assert.deepEqual(
      listed.sessions.map((row) => [row.session_id, row.message_count]),
      [[created.session_id, 0]],
    );

    const first = await rpc.call<{ text: string }>('turn/start', {
      session_id: created.session_id,
      prompt: scripted([{ text: 'deferred ran' }]),
      system_prompt: 'You are terse.',
    });
    assert.equal(first.text, 'deferred ran');
    const again = errorOf(
      (await rpc.request('turn/start', { session_id: created.session_id, prompt: 'x', system_prompt: 'no' }))
        .message,
    );
    assert.equal(again.code, -32602);
    assert.match(again.message, /Cannot override/);
  },
);

void test(
  'session/fork_at and session/fork_replace copy a prefix into a new session',
  { timeout: 90_000 },
  async () => {
    const forked = await rpc.call<{ session_id: string; message_count: number }>('session/fork_at', {
      session_id: mainSession,
      message_index: 2,
    });
    assertShape(ForkResult, forked, 'session/fork_at');
    assert.equal(forked.message_count, 2);
    assert.notEqual(forked.session_id, mainSession);
    const replaced = await rpc.call<{ message_count: number }>('session/fork_replace', {
      session_id: mainSession,
      message_index: 2,
      replacement: { type: 'message', message: { role: 'user', content: 'replaced prompt' } },
    });
    assertShape(ForkResult, replaced, 'session/fork_replace');
    assert.equal(replaced.message_count, 3);
    const strict = errorOf(
      (await rpc.request('session/fork_at', { session_id: mainSession, message_index: 0, x: 1 })).message,
    );
    assert.equal(strict.code, -32602);
    const range = errorOf(
      (await rpc.request('session/fork_at', { session_id: mainSession, message_index: 99 })).message,
    );
    assert.equal(range.code, -32602);
  },
);

void test(
  'session/archive hides the session; it stays readable; turns are refused',
  { timeout: 90_000 },
  async () => {
    const created = await rpc.call<{ session_id: string }>('session/create', {
      prompt: scripted([{ text: 'to archive' }]),
    });
    const archived = await rpc.call('session/archive', { session_id: created.session_id });
    assertShape(ArchiveResult, archived, 'session/archive');
    const list = await rpc.call<{ sessions: { session_id: string }[] }>('session/list');
    assert.ok(!list.sessions.some((row) => row.session_id === created.session_id));
    assert.equal(
      (await rpc.call('session/read', { session_id: created.session_id })).session_id,
      created.session_id,
    );
    const turn = errorOf(
      (await rpc.request('turn/start', { session_id: created.session_id, prompt: 'x' })).message,
    );
    assert.equal(turn.code, -32001);
    assert.equal(
      errorOf((await rpc.request('session/archive', { session_id: created.session_id })).message).code,
      -32001,
    );
  },
);

void test(
  'a keep_alive create answers at once; its background run still sends session/event',
  { timeout: 90_000 },
  async () => {
    const created = await rpc.call<{ session_id: string; text: string; turns: number }>('session/create', {
      prompt: scripted([{ text: 'from the background' }]),
      keep_alive: true,
      comms_name: 'agent-a',
    });
    assertShape(WireRunResult, created, 'keep_alive session/create');
    assert.deepEqual([created.text, created.turns], ['', 0]);
    const [completed] = await rpc.waitForNotifications(
      'session/event',
      (note) =>
        note.params?.session_id === created.session_id &&
        (note.params.event as { type: string }).type === 'run_completed',
    );
    assert.equal((completed?.params?.event as { result: string }).result, 'from the background');
    const types = sessionEvents(rpc, created.session_id).map(({ event }) => event.type);
    assert.equal(types.filter((type) => type === 'run_started').length, 1, 'each event is sent once');
    const missing = errorOf((await rpc.request('session/create', { prompt: 'x', keep_alive: true })).message);
    assert.equal(missing.code, -32602);
  },
);
