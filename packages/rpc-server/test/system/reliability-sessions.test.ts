import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { occurrences, readHistory } from '@rkat/testing/process-harness';
import type { Message, RpcClient } from './rpc-client.js';
import { InterruptResult } from './result-schemas.js';
import { SystemFixture, assertShape, errorOf, resultOf, scripted, sessionEvents } from './support.js';

// Reliability rows 7 (one process), 8 and 9 on one long-lived rkat-rpc: who runs when two turns race,
// that every way a turn ends frees the session, and that interrupts never yield two outcomes.
let fixture: SystemFixture;
let rpc: RpcClient;

before(async () => {
  fixture = await SystemFixture.start();
  rpc = fixture.spawn(['--realm', 'reliability-sessions']);
});

after(async () => {
  await fixture.stop();
});

const TERMINAL_EVENTS = new Set(['run_completed', 'run_failed']);

async function newSession(): Promise<string> {
  const created = await rpc.call<{ session_id: string }>('session/create', {
    prompt: scripted([{ text: 'ok' }]),
  });
  return created.session_id;
}

/** Writes several requests in one chunk, so the server reads them at the same instant. */
function sendTogether(requests: { method: string; params: unknown }[]): number[] {
  const ids = requests.map(() => rpc.id());
  rpc.write(
    requests
      .map(
        ({ method, params }, index) =>
          `${JSON.stringify({ jsonrpc: '2.0', id: ids[index], method, params })}\n`,
      )
      .join(''),
  );
  return ids;
}

/** The terminal events (`run_completed`, `run_failed`) of a session from line `from` on. */
function terminalEvents(sessionId: string, from: number): Record<string, unknown>[] {
  return sessionEvents(rpc, sessionId)
    .filter(({ index, event }) => index >= from && TERMINAL_EVENTS.has(String(event.type)))
    .map(({ event }) => event);
}

/** Asserts a turn/start right now runs (the session is not busy). */
async function assertFree(sessionId: string, why: string): Promise<void> {
  const text = `free-${randomUUID()}`;
  const { message } = await rpc.request('turn/start', {
    session_id: sessionId,
    prompt: scripted([{ text }]),
  });
  assert.equal(resultOf<{ text: string }>(message).text, text, why);
}

/** Starts a turn that streams one delta and stalls; resolves with its id once the delta arrived. */
async function startStalled(sessionId: string): Promise<number> {
  const from = rpc.messages.length;
  const id = rpc.start('turn/start', {
    session_id: sessionId,
    prompt: scripted([{ text: 'stalls forever', chunk: 2, stall_after: 1 }]),
  });
  await rpc.waitFor(
    () =>
      sessionEvents(rpc, sessionId).some(({ index, event }) => index >= from && event.type === 'text_delta'),
    'the stalled turn to stream',
  );
  return id;
}

function responsesTo(id: number): Message[] {
  return rpc.messages.filter((message) => message.method === undefined && message.id === id);
}

void test(
  'R7 concurrent-turns-one-session: two turn/start at the same instant, one runs, one is SESSION_BUSY',
  { timeout: 90_000 },
  async () => {
    const sessionId = await newSession();
    const before = await readHistory(rpc, sessionId);
    const from = rpc.messages.length;
    const prompts = [`first-${randomUUID()}`, `second-${randomUUID()}`];
    const ids = sendTogether(
      prompts.map((marker) => ({
        method: 'turn/start',
        params: {
          session_id: sessionId,
          prompt: scripted([{ text: 'the one reply', chunk: 3, delay_ms: 5 }], marker),
        },
      })),
    );
    const answers = await Promise.all(ids.map((id) => rpc.response(id)));
    const ran = answers.filter(({ message }) => message.error === undefined);
    const busy = answers.filter(({ message }) => message.error !== undefined);
    assert.equal(ran.length, 1, 'exactly one turn ran');
    assert.equal(busy.length, 1);
    const busyError = errorOf(busy[0]?.message ?? {});
    assert.deepEqual([busyError.code, busyError.message], [-32002, `session is busy: ${sessionId}`]);
    const winner = prompts[answers.findIndex(({ message }) => message.error === undefined)] ?? '';
    const loser = prompts.find((prompt) => prompt !== winner) ?? '';

    // One run's events only, and one run's messages only, in order.
    const events = sessionEvents(rpc, sessionId).filter(({ index }) => index >= from);
    assert.deepEqual(events.filter(({ event }) => event.type === 'run_started').length, 1, 'one run started');
    assert.equal(occurrences(events, loser), 0, 'nothing of the refused turn was streamed');
    const history = await readHistory(rpc, sessionId);
    assert.deepEqual(
      history.messages.slice(before.message_count).map((message) => message.role),
      ['user', 'block_assistant'],
    );
    assert.equal(occurrences(history.messages, winner), 1, 'the prompt that ran');
    assert.equal(occurrences(history.messages.at(-1), 'the one reply'), 1, 'and its answer');
    assert.equal(occurrences(history.messages, loser), 0, 'the refused prompt was never recorded');
    assert.equal(occurrences(fixture.fake.requests, loser), 0, 'the refused prompt never reached the model');
    await assertFree(sessionId, 'the busy flag is released after a success');
  },
);

void test(
  'R8 failed-turn-releases: a provider error and a crashing tool end the turn; the next turn starts at once',
  { timeout: 90_000 },
  async () => {
    const sessionId = await newSession();
    const rejected = `rejected-${randomUUID()}`;
    const failed = errorOf(
      (
        await rpc.request('turn/start', {
          session_id: sessionId,
          prompt: scripted([{ error: { status: 400, message: 'bad request' } }], rejected),
        })
      ).message,
    );
    assert.equal(failed.code, -32010);
    await assertFree(sessionId, 'the busy flag is released after a provider failure');
    assert.equal(
      occurrences(fixture.fake.requests.at(-1)?.body, rejected),
      0,
      'a failed input is settled abandoned, not re-delivered',
    );

    // A callback tool whose host fails the call, then the model call fails: the turn ends failed.
    assert.deepEqual(
      await rpc.call('tools/register', {
        tools: [{ name: 'crashy', description: 'Crashes', input_schema: { type: 'object', properties: {} } }],
      }),
      { registered: 1 },
    );
    rpc.answer('tool/execute', { error: { code: -32603, message: 'the tool host crashed' } });
    const crashed = errorOf(
      (
        await rpc.request('turn/start', {
          session_id: sessionId,
          prompt: scripted([{ tools: [{ name: 'crashy', args: {} }] }, { error: { status: 400 } }]),
        })
      ).message,
    );
    assert.equal(crashed.code, -32010);
    assert.equal(rpc.serverRequests('tool/execute').length, 1);
    await assertFree(sessionId, 'the busy flag is released after a tool crash');
    const history = await readHistory(rpc, sessionId);
    const results = history.messages.filter((message) => message.role === 'tool_results');
    assert.equal(results.length, 1, 'the crashed call has its one error result');
    assert.match(JSON.stringify(results[0]), /"is_error":true/);
  },
);

void test(
  'R9 interrupt-races: idle interrupts are no-ops; repeated interrupts end a run once; the busy flag goes',
  { timeout: 90_000 },
  async () => {
    const sessionId = await newSession();
    for (let round = 0; round < 2; round += 1) {
      const idle = await rpc.call('turn/interrupt', { session_id: sessionId });
      assertShape(InterruptResult, idle, 'idle turn/interrupt');
      assert.deepEqual(idle, { interrupted: true });
    }
    assert.equal((await rpc.call('session/read', { session_id: sessionId })).is_active, false);

    const from = rpc.messages.length;
    const running = await startStalled(sessionId);
    const interrupts = sendTogether(
      Array.from({ length: 50 }, () => ({ method: 'turn/interrupt', params: { session_id: sessionId } })),
    );
    for (const id of interrupts) {
      assert.deepEqual(resultOf((await rpc.response(id)).message), { interrupted: true });
    }
    assert.equal(errorOf((await rpc.response(running)).message).code, -32005);
    // Another turn/interrupt after the end, then settle: still one response and one terminal event.
    assert.deepEqual(await rpc.call('turn/interrupt', { session_id: sessionId }), { interrupted: true });
    await assertFree(sessionId, 'the busy flag is released after an interrupt');
    assert.equal(responsesTo(running).length, 1, 'one response');
    const terminal = terminalEvents(sessionId, from);
    assert.equal(terminal.length, 2, 'the interrupted run and the free turn each end once');
    assert.equal(terminal[0]?.type, 'run_failed');
    assert.equal(terminal[1]?.type, 'run_completed');
  },
);

void test(
  'R9 interrupt-races: turn/interrupt racing a turn that completes yields exactly one outcome',
  { timeout: 90_000 },
  async () => {
    const sessionId = await newSession();
    for (let round = 0; round < 12; round += 1) {
      const from = rpc.messages.length;
      const text = `race-${round}`;
      const prompt = scripted([{ text: `${text}-abcdefgh`, chunk: 4, delay_ms: 10 }]);
      let turn: number;
      let interrupt: number;
      if (round < 2) {
        // The same instant: the interrupt lands before the run reaches the model.
        [turn = -1, interrupt = -1] = sendTogether([
          { method: 'turn/start', params: { session_id: sessionId, prompt } },
          { method: 'turn/interrupt', params: { session_id: sessionId } },
        ]);
      } else {
        // After the first delta, with a growing delay: the interrupt meets the run's last chunk, its
        // commit or its completion.
        turn = rpc.start('turn/start', { session_id: sessionId, prompt });
        await rpc.waitFor(
          () =>
            sessionEvents(rpc, sessionId).some(
              ({ index, event }) => index >= from && event.type === 'text_delta',
            ),
          `round ${round}: the first delta`,
        );
        await new Promise((resolve) => setTimeout(resolve, (round - 2) * 3));
        interrupt = rpc.start('turn/interrupt', { session_id: sessionId });
      }
      assert.deepEqual(resultOf((await rpc.response(interrupt)).message), { interrupted: true });
      const { message } = await rpc.response(turn);
      // The answer is committed exactly when the turn answered success: never a cancelled turn on record.
      // (The closing quote matches the assistant's text; in the prompt's script it is escaped.)
      const committed = occurrences((await readHistory(rpc, sessionId)).messages, `${text}-abcdefgh"`);
      assert.equal(committed, message.error ? 0 : 1, `round ${round}: the transcript agrees with the answer`);
      await assertFree(sessionId, `round ${round}: the session is free again`);
      assert.equal(responsesTo(turn).length, 1, `round ${round}: one response`);
      // Every run that started ended exactly once; an interrupt before the start leaves no run at all.
      const events = sessionEvents(rpc, sessionId).filter(({ index }) => index >= from);
      const started = events.filter(({ event }) => event.type === 'run_started').length;
      const terminal = terminalEvents(sessionId, from);
      assert.equal(terminal.length, started, `round ${round}: one end per started run`);
      assert.equal(terminal.at(-1)?.type, 'run_completed', `round ${round}: the free turn completed`);
      if (message.error) {
        assert.equal(message.error.code, -32005);
        assert.ok(started === 1 || terminal[0]?.type === 'run_failed', `round ${round}: no completion`);
      } else {
        assert.equal((message.result as { text: string }).text, `${text}-abcdefgh`);
        assert.deepEqual(
          terminal.map((event) => event.type),
          ['run_completed', 'run_completed'],
        );
      }
    }
    assert.equal(rpc.child.exitCode, null, 'the server survived every race');
  },
);
