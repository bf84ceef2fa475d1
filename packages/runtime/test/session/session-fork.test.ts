import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionMessage } from '@rkat/contracts';
import { parseForkAtParams, parseForkReplaceParams } from '../../src/index.js';
import { REALM, harness, rejectsWith } from './session-harness.js';

/** A session with [user, block_assistant(text + tool_use), tool_results, block_assistant(text)]. */
async function toolSession() {
  const fixture = harness({
    steps: [
      { text: 'checking', tools: [{ id: 'call-1', name: 'datetime' }] },
      { text: 'done' },
      { text: 'forked answer' },
    ],
  });
  const created = await fixture.service.createSession({ labels: { team: 'a' }, systemPrompt: 'sys' });
  await fixture.service.startTurn(created.sessionId, [
    { type: 'text', text: 'first' },
    { type: 'text', text: 'second' },
  ]);
  return { ...fixture, sessionId: created.sessionId };
}

void test('fork_at copies the prefix [0, index) into a new idle session', { timeout: 10_000 }, async () => {
  const { service, llm, sessionId, store } = await toolSession();
  const request = parseForkAtParams({ session_id: sessionId, message_index: 2, running_behavior: 'reject' });
  const fork = await service.forkAt(request.sessionId, request.messageIndex, request);
  assert.equal(fork.source_session_id, sessionId);
  assert.equal(fork.message_count, 2);
  assert.equal(fork.session_ref, `${REALM}:${fork.session_id}`);
  const record = await store.getSession(fork.session_id);
  assert.deepEqual([record?.pending, record?.messageCount, record?.labels], [false, 2, { team: 'a' }]);
  assert.equal(record?.lastAssistantText, 'checking');
  const history = await service.readHistory(fork.session_id);
  assert.deepEqual(
    history.messages.map((message) => message.role),
    ['user', 'block_assistant'],
  );
  await service.startTurn(fork.session_id, 'continue');
  const call = llm.calls.at(-1);
  assert.equal(call?.systemPrompt, 'sys', 'the fork keeps the settings');
  assert.deepEqual(
    call?.messages.map((message) => message.role),
    ['user', 'block_assistant', 'tool_results', 'user'],
    'the dangling tool call of the prefix is repaired at the next turn',
  );
  assert.equal((await service.readHistory(sessionId)).messageCount, 4, 'the source is untouched');
  const whole = await service.forkAt(sessionId, 4);
  assert.equal(whole.message_count, 4);
});

void test('fork_replace: the four replacement variants', { timeout: 10_000 }, async () => {
  const { service, sessionId } = await toolSession();
  const at = '2026-01-01T00:00:00.000Z';
  const message = await service.forkReplace(sessionId, 0, {
    type: 'message',
    message: { role: 'user', content: 'replaced' },
  });
  const [replacedUser] = (await service.readHistory(message.session_id)).messages;
  assert.equal(message.message_count, 1);
  assert.equal(replacedUser?.role === 'user' ? replacedUser.content : undefined, 'replaced');

  const userBlock = await service.forkReplace(sessionId, 0, {
    type: 'user_content_block',
    block_index: 1,
    block: { type: 'text', text: 'SECOND' },
  });
  const [userMessage] = (await service.readHistory(userBlock.session_id)).messages;
  assert.deepEqual(userMessage?.role === 'user' ? userMessage.content : undefined, [
    { type: 'text', text: 'first' },
    { type: 'text', text: 'SECOND' },
  ]);

  const assistant = await service.forkReplace(sessionId, 1, {
    type: 'assistant_block',
    block_index: 0,
    block: { block_type: 'text', data: { text: 'rewritten' } },
  });
  const assistantMessage = (await service.readHistory(assistant.session_id)).messages[1];
  assert.ok(assistantMessage?.role === 'block_assistant');
  assert.deepEqual(assistantMessage.blocks[0], { block_type: 'text', data: { text: 'rewritten' } });
  assert.equal(assistantMessage.blocks[1]?.block_type, 'tool_use');
  assert.equal((await service.readSession(assistant.session_id)).lastAssistantText, 'rewritten');

  const toolResult = await service.forkReplace(sessionId, 2, {
    type: 'tool_result_content_block',
    result_index: 0,
    block_index: 0,
    block: { type: 'text', text: 'a different result' },
  });
  const results = (await service.readHistory(toolResult.session_id)).messages[2];
  assert.ok(results?.role === 'tool_results');
  assert.deepEqual(results.results[0]?.content, [{ type: 'text', text: 'a different result' }]);
  assert.equal(toolResult.message_count, 3);

  const explicit: SessionMessage = { role: 'user', content: 'timed', created_at: at };
  const timed = await service.forkReplace(sessionId, 0, { type: 'message', message: explicit });
  assert.deepEqual((await service.readHistory(timed.session_id)).messages[0], explicit);
});

void test(
  'fork errors: indexes, roles, shapes, busy source, unknown fields',
  { timeout: 10_000 },
  async () => {
    const { service, sessionId, llm } = await toolSession();
    await assert.rejects(
      service.forkAt(sessionId, 5),
      rejectsWith('INVALID_PARAMS', /^message_index 5 is out of range/),
    );
    await assert.rejects(
      service.forkReplace(sessionId, 4, { type: 'message', message: { role: 'user', content: 'x' } }),
      rejectsWith('INVALID_PARAMS', /^message_index 4 is out of range/),
    );
    await assert.rejects(
      service.forkReplace(sessionId, 0, {
        type: 'user_content_block',
        block_index: 2,
        block: { type: 'text', text: 'x' },
      }),
      rejectsWith('INVALID_PARAMS', 'block_index 2 is out of range: message 0 has 2 blocks'),
    );
    await assert.rejects(
      service.forkReplace(sessionId, 1, {
        type: 'user_content_block',
        block_index: 0,
        block: { type: 'text', text: 'x' },
      }),
      rejectsWith('INVALID_PARAMS', 'message 1 is a block_assistant message, not a user message'),
    );
    await assert.rejects(
      service.forkReplace(sessionId, 2, {
        type: 'tool_result_content_block',
        result_index: 3,
        block_index: 0,
        block: { type: 'text', text: 'x' },
      }),
      rejectsWith('INVALID_PARAMS', 'result_index 3 is out of range: message 2 has 1 results'),
    );
    await assert.rejects(
      service.forkReplace(sessionId, 0, {
        type: 'user_content_block',
        block_index: 0,
        block: { type: 'bogus' },
      }),
      rejectsWith('INVALID_PARAMS', /^Invalid replacement block: /),
    );
    await assert.rejects(
      service.forkReplace(sessionId, 0, {
        type: 'message',
        message: { role: 'user', content: 'x' },
        extra: 1,
      }),
      rejectsWith('INVALID_PARAMS', /unknown field `extra`/),
    );
    await assert.rejects(
      service.forkReplace(sessionId, 0, { type: 'rename' }),
      rejectsWith('INVALID_PARAMS', /^Invalid replacement: type must be one of/),
    );
    assert.throws(
      () => parseForkAtParams({ session_id: sessionId, message_index: 0, surprise: true }),
      rejectsWith('INVALID_PARAMS', 'Invalid params: unknown field `surprise`'),
    );
    assert.throws(
      () => parseForkAtParams({ session_id: sessionId, message_index: 0, running_behavior: 'wait' }),
      rejectsWith('INVALID_PARAMS', /^Invalid params: \/running_behavior/),
    );
    assert.throws(
      () => parseForkReplaceParams({ session_id: sessionId, message_index: 0 }),
      rejectsWith('INVALID_PARAMS', 'Invalid params: missing field `replacement`'),
    );
    llm.calls.length = 0;
    const busy = harness({ steps: [{ hang: true }] });
    const source = await busy.service.createSession();
    const running = busy.service.startTurn(source.sessionId, 'slow');
    await busy.llm.hanging;
    await assert.rejects(
      busy.service.forkAt(source.sessionId, 0),
      rejectsWith('SESSION_BUSY', `session is busy: ${source.sessionId}`),
    );
    await busy.service.interrupt(source.sessionId);
    await assert.rejects(running, rejectsWith('REQUEST_CANCELLED', 'request cancelled'));
  },
);
