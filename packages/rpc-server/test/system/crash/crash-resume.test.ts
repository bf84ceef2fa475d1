import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { INTERRUPTED_TOOL_CALL_RESULT } from '@rkat/core';
import { scripted } from '../support.js';
import {
  CrashHarness,
  filesContaining,
  readHistory,
  readSession,
  requestsCarrying,
} from './crash-harness.js';

// Reliability rows 1, 2 and 5: SIGKILL a real rkat-rpc child mid-turn, then resume the session from a
// second OS process on the same realm. The two processes share no memory, only the state root.
let harness: CrashHarness;

before(async () => {
  harness = await CrashHarness.start('crash-resume');
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
  'row 1 crash-mid-stream-resume (row 5: across two processes): the input is never run twice',
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
    const from = first.messages.length;
    const turn = first.start('turn/start', {
      session_id: sessionId,
      // 200 chunks 50 ms apart: the stream outlasts the kill by seconds, even on a loaded machine.
      prompt: scripted([{ text: 'x'.repeat(800), chunk: 4, delay_ms: 50 }], marker),
    });
    await harness.killAt(first, { textDeltas: 3, sessionId, from });
    assert.equal(
      first.messages.some((message) => message.method === undefined && message.id === turn),
      false,
      'the killed turn never answered',
    );
    assert.equal(requestsCarrying(harness, marker).length, 1, 'the crashed input reached the model once');
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
      prompt: scripted([{ text: 'after the restart' }]),
    });
    assert.equal(resumed.text, 'after the restart');
    assert.equal(
      requestsCarrying(harness, marker).length,
      1,
      'the crashed input was not run again, nor replayed into the next request',
    );
    const history = await readHistory(second, sessionId);
    assert.equal(history.message_count, 4);
    assert.doesNotMatch(JSON.stringify(history.messages), new RegExp(marker));
    await second.close();

    // A third process sees what the second committed.
    const third = harness.launch();
    assert.equal((await readSession(third, sessionId)).message_count, 4);
    await third.close();
  },
);

void test(
  'row 2 crash-mid-tool (row 5: across two processes): the dangling call is reported interrupted, never re-executed',
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
    assert.equal(requestsCarrying(harness, 'client-ran-the-lookup').length, 0);

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
