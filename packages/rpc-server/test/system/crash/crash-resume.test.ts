import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { INTERRUPTED_TOOL_CALL_RESULT } from '@rkat/core';
import {
  CrashHarness,
  filesContaining,
  occurrences,
  readHistory,
  readSession,
  requestsCarrying,
} from '@rkat/testing/process-harness';
import { RKAT_RPC_BIN } from '../rpc-client.js';
import { scripted } from '../support.js';

// Reliability rows 1, 2 and 5: SIGKILL a real rkat-rpc child mid-turn, then resume the session from a
// second OS process on the same realm. The two processes share no memory, only the state root. The
// process harness (`@rkat/testing/process-harness`) launches and kills them.
let harness: CrashHarness;
/** The session and crashed input the R1 test leaves for the R5 test. */
let settled: { sessionId: string; marker: string } | undefined;

before(async () => {
  harness = await CrashHarness.start({ bin: RKAT_RPC_BIN, realm: 'crash-resume' });
});

after(async () => {
  await harness.stop();
});

const lookup = {
  name: 'lookup',
  description: 'A side-effecting lookup the client runs',
  input_schema: { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] },
};

void test(
  'R1 crash-mid-stream-resume: after SIGKILL and a restart the orphaned input is re-delivered exactly once',
  { timeout: 180_000 },
  async () => {
    const first = harness.launch();
    const created = await first.call<{ session_id: string }>('session/create', {
      prompt: scripted([{ text: 'first answer' }]),
    });
    const sessionId = created.session_id;
    const committed = await readHistory(first, sessionId);
    assert.equal(committed.message_count, 2);

    const marker = `crash-input-${randomUUID()}`;
    const answer = `answer-${randomUUID()}`;
    const from = first.messages.length;
    const turn = first.start('turn/start', {
      session_id: sessionId,
      // The first attempt streams three deltas and stalls until the kill; a later attempt answers whole.
      prompt: scripted([{ text: answer, chunk: 4, stall_after: 3, fault_times: 1 }], marker),
    });
    await harness.killAt(first, { textDeltas: 3, sessionId, from });
    assert.equal(
      first.messages.some((message) => message.method === undefined && message.id === turn),
      false,
      'the killed turn never answered',
    );
    assert.equal(
      requestsCarrying(harness.fixture.fake, marker).length,
      1,
      'the input reached the model once',
    );
    assert.notDeepEqual(
      await filesContaining(harness.stateRoot, marker),
      [],
      'the accepted input was durable on disk before the model was called',
    );

    const second = harness.launch();
    assert.notEqual(second.child.pid, first.child.pid);
    const info = await readSession(second, sessionId);
    assert.equal(info.is_active, false);
    assert.equal(info.message_count, 2);
    assert.equal(info.last_assistant_text, 'first answer');
    const afterCrash = await readHistory(second, sessionId);
    assert.deepEqual(afterCrash, committed, 'the transcript ends at the last committed boundary');

    const resumed = await second.call<{ text: string }>('turn/start', {
      session_id: sessionId,
      prompt: 'next-prompt',
    });
    // Providers send consecutive user messages as one user turn, the re-delivered prompt first, and the
    // fake model follows the first script of a turn: it answers the re-delivered prompt.
    assert.equal(resumed.text, answer);
    const carrying = requestsCarrying(harness.fixture.fake, marker);
    assert.equal(carrying.length, 2, 'the crashed request, then the resumed turn carrying it once');
    assert.equal(occurrences(carrying[1], marker), 1, 'the orphaned prompt is re-delivered exactly once');
    const resumedRequest = JSON.stringify(carrying[1]);
    assert.ok(
      resumedRequest.indexOf(marker) < resumedRequest.indexOf('next-prompt'),
      'before the new prompt',
    );
    const history = await readHistory(second, sessionId);
    assert.deepEqual(
      history.messages.map((message) => message.role),
      ['user', 'block_assistant', 'user', 'user', 'block_assistant'],
    );
    assert.equal(occurrences(history.messages, marker), 1, 'committed once, as its own user message');
    await second.close();
    settled = { sessionId, marker };
  },
);

void test(
  'R5 restart-is-a-new-process: a third OS process sees the settled input and never delivers it again',
  { timeout: 180_000 },
  async () => {
    assert.ok(settled, 'the R1 test left a session with a re-delivered input');
    const { sessionId, marker } = settled;
    const third = harness.launch();
    const later = await third.call<{ text: string }>('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: 'third process' }]),
    });
    assert.equal(later.text, 'third process');
    assert.equal(occurrences(harness.fixture.fake.requests.at(-1)?.body, marker), 1, 'only as history');
    const final = await readHistory(third, sessionId);
    assert.equal(final.message_count, 7);
    assert.equal(occurrences(final.messages, marker), 1);
    await third.close();
  },
);

void test(
  'R2 crash-mid-tool: after SIGKILL and a restart the dangling call is reported interrupted, never re-executed',
  { timeout: 180_000 },
  async () => {
    const first = harness.launch();
    assert.deepEqual(await first.call('tools/register', { tools: [lookup] }), { registered: 1 });
    const created = await first.call<{ session_id: string }>('session/create', {
      prompt: scripted([{ text: 'ready' }]),
    });
    const sessionId = created.session_id;
    const marker = `crash-tool-${randomUUID()}`;
    // The test never answers tool/execute: the call is recorded and in flight when the process dies.
    first.start('turn/start', {
      session_id: sessionId,
      prompt: scripted(
        [{ tools: [{ name: 'lookup', args: { key: 'side-effect' }, id: 'toolu_crash' }] }, { text: 'no' }],
        marker,
      ),
    });
    await harness.killAt(first, { toolExecutes: 1 });

    const second = harness.launch();
    assert.deepEqual(await second.call('tools/register', { tools: [lookup] }), { registered: 1 });
    second.answer('tool/execute', { result: { content: 'client-ran-the-lookup', is_error: false } });
    const recorded = await readHistory(second, sessionId);
    assert.equal(recorded.message_count, 4, 'the user message and the tool call were committed');
    assert.match(JSON.stringify(recorded.messages.at(-1)), /toolu_crash/);

    const resumed = await second.call<{ text: string; tool_calls: number }>('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: 'resumed after the crash' }]),
    });
    assert.equal(resumed.text, 'resumed after the crash');
    assert.equal(resumed.tool_calls, 0);
    assert.equal(second.serverRequests('tool/execute').length, 0, 'the tool was not executed again');

    const lastRequest = JSON.stringify(harness.fixture.fake.requests.at(-1)?.body);
    assert.ok(
      lastRequest.includes(INTERRUPTED_TOOL_CALL_RESULT),
      'the model is told the call was interrupted',
    );
    assert.match(lastRequest, /"tool_use_id":"toolu_crash"/);
    assert.match(lastRequest, /"is_error":true/);
    assert.equal(requestsCarrying(harness.fixture.fake, 'client-ran-the-lookup').length, 0);

    const history = await readHistory(second, sessionId);
    const repair = history.messages[4] as {
      role: string;
      results: { tool_use_id: string; is_error: boolean }[];
    };
    assert.equal(repair.role, 'tool_results');
    assert.deepEqual(
      repair.results.map((result) => [result.tool_use_id, result.is_error]),
      [['toolu_crash', true]],
    );

    // Not wedged: a further turn with a working tool runs normally.
    const next = await second.call<{ text: string; tool_calls: number }>('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ tools: [{ name: 'lookup', args: { key: 'fresh' } }] }, { text: 'all good' }]),
    });
    assert.deepEqual([next.text, next.tool_calls], ['all good', 1]);
    assert.equal(second.serverRequests('tool/execute').length, 1);
    await second.close();
  },
);
