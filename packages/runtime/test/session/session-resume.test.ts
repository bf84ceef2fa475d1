import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionMessage } from '@rkat/contracts';
import { LlmError, type SessionRecord } from '@rkat/core';
import { MemorySessionStore } from '@rkat/store';
import { RuntimeError, TurnFailedError } from '../../src/index.js';
import { serviceFixture } from '../support/service-fixture.js';

void test(
  'a fresh service on the same store resumes a session with its history and settings',
  { timeout: 10_000 },
  async () => {
    const store = new MemorySessionStore();
    const first = serviceFixture([{ text: 'first answer' }], { store });
    const { sessionId } = await first.service.createSession({
      model: 'claude-sonnet-4-6',
      systemPrompt: 'You are terse.',
      maxTokens: 321,
      structuredOutputRetries: 1,
    });
    await first.service.startTurn(sessionId, 'first question');
    await first.service.close();

    const second = serviceFixture([{ text: 'second answer' }], { store });
    const result = await second.service.startTurn(sessionId, 'second question');
    assert.equal(result.text, 'second answer');
    const call = second.llm.calls[0];
    assert.equal(call?.model, 'claude-sonnet-4-6');
    assert.equal(call?.systemPrompt, 'You are terse.');
    assert.equal(call?.maxTokens, 321);
    assert.deepEqual(
      call?.messages.map((message) => message.role),
      ['user', 'block_assistant', 'user'],
    );
    assert.match(JSON.stringify(call?.messages), /first question.*first answer.*second question/);
    assert.equal((await second.service.readSession(sessionId)).messageCount, 4);
  },
);

void test(
  'settings overrides are accepted before the first run and rejected after it',
  { timeout: 10_000 },
  async () => {
    const { service, llm } = serviceFixture([{ text: 'a' }, { text: 'b' }]);
    const { sessionId } = await service.createSession();
    await service.startTurn(sessionId, 'one', { systemPrompt: 'staged prompt', maxTokens: 99 });
    assert.equal(llm.calls[0]?.systemPrompt, 'staged prompt');
    assert.equal(llm.calls[0]?.maxTokens, 99);
    await assert.rejects(
      service.startTurn(sessionId, 'two', { maxTokens: 5, systemPrompt: 'late' }),
      (error: unknown) =>
        RuntimeError.is(error, 'INVALID_PARAMS') &&
        /Cannot override max_tokens, system_prompt/.test((error as Error).message),
    );
    const swapped = await service.startTurn(sessionId, 'three', { model: 'gpt-5.5' });
    assert.equal(swapped.text, 'b');
    const info = await service.readSession(sessionId);
    assert.deepEqual(
      [info.model, info.provider],
      ['gpt-5.5', 'openai'],
      'a hot-swapped identity is persisted',
    );
  },
);

void test(
  'a failed run is a TurnFailedError and the session stays resumable',
  { timeout: 10_000 },
  async () => {
    const failure = new LlmError('bad request: nope', {
      kind: 'invalid_request',
      provider: 'anthropic',
      status: 400,
    });
    const { service, store, events } = serviceFixture([{ error: failure }, { text: 'recovered' }]);
    const { sessionId } = await service.createSession();
    await assert.rejects(service.startTurn(sessionId, 'doomed'), (error: unknown) => {
      assert.ok(error instanceof TurnFailedError);
      assert.equal(error.code, 'TURN_FAILED');
      assert.equal(error.errorClass, 'llm');
      assert.equal(error.terminalCauseKind, 'llm_failure');
      assert.equal(error.llmErrorKind, 'invalid_request');
      assert.equal(error.sessionId, sessionId);
      assert.match(error.message, /^turn abandoned: bad request: nope/);
      return true;
    });
    assert.equal(events.at(-1)?.event.type, 'run_failed');
    assert.deepEqual(await store.pendingInputs(sessionId), [], 'the failed input is abandoned');
    const result = await service.startTurn(sessionId, 'try again');
    assert.equal(result.text, 'recovered');
  },
);

void test('missing credentials are reported with their kind', { timeout: 10_000 }, async () => {
  const missing = new LlmError('ANTHROPIC_API_KEY is not set', {
    kind: 'missing_credentials',
    provider: 'anthropic',
  });
  const { service } = serviceFixture([{ error: missing }]);
  const { sessionId } = await service.createSession();
  await assert.rejects(
    service.startTurn(sessionId, 'hi'),
    (error: unknown) => error instanceof TurnFailedError && error.llmErrorKind === 'missing_credentials',
  );
});

void test(
  'an uncatalogued model without a provider fails at its first turn',
  { timeout: 10_000 },
  async () => {
    const { service, llm } = serviceFixture([]);
    const created = await service.createSession({ model: 'mystery-model' });
    assert.equal(created.provider, 'other');
    await assert.rejects(
      service.startTurn(created.sessionId, 'hi'),
      (error: unknown) =>
        error instanceof TurnFailedError &&
        error.errorClass === 'build' &&
        /mystery-model/.test(error.message),
    );
    assert.equal(llm.calls.length, 0);
  },
);

void test(
  'dangling tool calls are answered as interrupted when a session resumes',
  { timeout: 10_000 },
  async () => {
    const store = new MemorySessionStore();
    const sessionId = '01890000-0000-7000-8000-0000000000aa';
    const at = '2026-11-28T12:00:00.000Z';
    const messages: SessionMessage[] = [
      { role: 'user', content: 'run it', created_at: at },
      {
        role: 'block_assistant',
        blocks: [{ block_type: 'tool_use', data: { id: 'call-9', name: 'datetime', args: {} } }],
        stop_reason: 'tool_use',
        created_at: at,
      },
    ];
    const record: SessionRecord = {
      sessionId,
      createdAtMs: 1,
      updatedAtMs: 1,
      model: 'claude-opus-4-7',
      provider: 'anthropic',
      labels: {},
      archived: false,
      pending: false,
      settings: { max_tokens: 100, structured_output_retries: 2 },
      usage: { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 },
      messageCount: messages.length,
    };
    await store.createSession(record, messages);
    const { service, llm } = serviceFixture([{ text: 'carrying on' }], { store });
    await service.startTurn(sessionId, 'continue');
    const seen = llm.calls[0]?.messages ?? [];
    assert.deepEqual(
      seen.map((message) => message.role),
      ['user', 'block_assistant', 'tool_results', 'user'],
    );
    const repaired = seen[2];
    assert.ok(repaired?.role === 'tool_results');
    assert.equal(repaired.results[0]?.tool_use_id, 'call-9');
    assert.equal(repaired.results[0]?.is_error, true);
    const history = await service.readHistory(sessionId);
    assert.equal(history.messages[2]?.role, 'tool_results', 'the repair is committed');
    assert.equal(history.messageCount, 5);
  },
);

void test(
  'R7 concurrent-turns-one-session: a writer whose cached session went stale reloads it under the session claim before running',
  { timeout: 10_000 },
  async () => {
    const store = new MemorySessionStore();
    const first = serviceFixture([{ text: 'a1' }, { text: 'a3' }], { store });
    const second = serviceFixture([{ text: 'b2' }], { store });
    const { sessionId } = await first.service.createSession();
    await first.service.startTurn(sessionId, 'q1');
    await second.service.startTurn(sessionId, 'q2');
    // Before the claim reload, this turn failed once with a store conflict (the message count guard).
    const result = await first.service.startTurn(sessionId, 'q3');
    assert.equal(result.text, 'a3');
    assert.match(JSON.stringify(first.llm.calls.at(-1)?.messages), /q1.*a1.*q2.*b2.*q3/);
    assert.equal((await first.service.readSession(sessionId)).messageCount, 6);
  },
);
