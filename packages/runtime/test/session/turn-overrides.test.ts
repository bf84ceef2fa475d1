import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBuiltinToolSource } from '@rkat/tools';
import type { ToolSource } from '@rkat/core';
import { parseTurnStartParams } from '../../src/index.js';
import { UNKNOWN_ID, harness, rejectsWith } from './session-harness.js';

function twoTools(): ToolSource {
  const builtins = createBuiltinToolSource({ now: () => 0 });
  const [datetime] = builtins.list();
  assert.ok(datetime);
  return {
    list: () => [datetime, { ...datetime, name: 'echo', description: 'echoes' }],
    execute: (call, context) => builtins.execute({ ...call, name: 'datetime' }, context),
  };
}

void test(
  'a deferred session takes settings overrides and its staged prompt at the first turn',
  { timeout: 10_000 },
  async () => {
    const { service, llm, store } = harness({ steps: [{ text: 'a' }, { text: 'b' }] });
    const created = await service.createSession({ prompt: 'staged part', initialTurn: 'deferred' });
    const turn = parseTurnStartParams({
      session_id: created.sessionRef,
      prompt: 'turn part',
      max_tokens: 77,
      system_prompt: 'deferred prompt',
      structured_output_retries: 0,
      output_schema: { type: 'object' },
    });
    await service.startTurn(turn.sessionId, turn.prompt, turn.overrides);
    const call = llm.calls[0];
    assert.equal(call?.maxTokens, 77);
    assert.equal(call?.systemPrompt, 'deferred prompt');
    const user = call?.messages[0];
    assert.deepEqual(user?.role === 'user' ? user.content : undefined, 'staged part\n\nturn part');
    const record = await store.getSession(created.sessionId);
    assert.equal(record?.pending, false);
    assert.equal(record?.settings['staged_prompt'], undefined, 'the staged prompt is consumed');
    assert.equal(record?.settings['max_tokens'], 77, 'the overrides are persisted');
    await assert.rejects(
      service.startTurn(created.sessionId, 'again', { maxTokens: 5, outputSchema: { type: 'object' } }),
      rejectsWith(
        'INVALID_PARAMS',
        'Cannot override max_tokens, output_schema on a runtime-routed turn; set these at session/create time or use a deferred session',
      ),
    );
  },
);

void test('provider params, auth binding and keep-alive overrides persist', { timeout: 10_000 }, async () => {
  const { service, store } = harness({ steps: [{ text: '1' }, { text: '2' }, { text: '3' }] });
  const { sessionId } = await service.createSession({ commsName: 'bot', providerParams: { a: 1 } });
  await service.startTurn(sessionId, 'x', {
    providerParams: { thinking: { budget_tokens: 10 } },
    authBinding: { realm: 'team', binding: 'default' },
    keepAlive: true,
  });
  let settings = (await store.getSession(sessionId))?.settings;
  assert.deepEqual(settings?.['provider_params'], { thinking: { budget_tokens: 10 } });
  assert.deepEqual(settings?.['auth_binding'], { realm: 'team', binding: 'default' });
  assert.equal(settings?.['keep_alive'], true);
  await service.startTurn(sessionId, 'y', { clearProviderParams: true, clearAuthBinding: true });
  settings = (await store.getSession(sessionId))?.settings;
  assert.equal(settings?.['provider_params'], undefined);
  assert.equal(settings?.['auth_binding'], undefined);
  await assert.rejects(
    service.startTurn(sessionId, 'z', { providerParams: { a: 1 }, clearProviderParams: true }),
    rejectsWith('INVALID_PARAMS', 'provider_params and clear_provider_params cannot be used together'),
  );
  const plain = await service.createSession();
  await assert.rejects(
    service.startTurn(plain.sessionId, 'z', { keepAlive: true }),
    rejectsWith('INVALID_PARAMS', 'keep_alive requires a session created with comms_name'),
  );
  const hotSwap = await service.startTurn(plain.sessionId, 'go', { provider: 'gemini' });
  assert.equal(hotSwap.text, '3');
  const info = await service.readSession(plain.sessionId);
  assert.deepEqual(
    [info.model, info.provider],
    ['gemini-3-flash-preview', 'gemini'],
    'a provider alone picks its default',
  );
});

void test(
  'flow_tool_overlay narrows the tools of one turn; tool_filter of every turn',
  { timeout: 10_000 },
  async () => {
    const { service, llm } = harness({
      tools: twoTools(),
      steps: [{ text: '1' }, { text: '2' }, { text: '3' }],
    });
    const { sessionId } = await service.createSession();
    await service.startTurn(sessionId, 'a', { flowToolOverlay: { blocked_tools: ['echo'] } });
    await service.startTurn(sessionId, 'b', {
      flowToolOverlay: { allowed_tools: ['echo'], blocked_tools: null },
    });
    await service.startTurn(sessionId, 'c');
    assert.deepEqual(
      llm.calls.map((call) => call.toolNames),
      [['datetime'], ['echo'], ['datetime', 'echo']],
    );
    const filtered = await service.createSession({ toolFilter: { Allow: ['echo'] } });
    await service.startTurn(filtered.sessionId, 'd', { flowToolOverlay: { blocked_tools: ['echo'] } });
    await service.startTurn(filtered.sessionId, 'e');
    assert.deepEqual(
      llm.calls.slice(3).map((call) => call.toolNames),
      [[], ['echo']],
    );
    assert.throws(
      () =>
        parseTurnStartParams({ session_id: sessionId, prompt: 'x', flow_tool_overlay: { allowed: ['x'] } }),
      rejectsWith('INVALID_PARAMS', /^Invalid params: \/flow_tool_overlay: unknown field `allowed`/),
    );
  },
);

void test(
  'turn additional_instructions are committed as system notices before the prompt',
  { timeout: 10_000 },
  async () => {
    const { service, llm } = harness({ steps: [{ text: 'ok' }] });
    const { sessionId } = await service.createSession();
    await service.startTurn(sessionId, 'question', { additionalInstructions: ['Be careful.', '  '] });
    assert.deepEqual(
      llm.calls[0]?.messages.map((message) => message.role),
      ['system_notice', 'user'],
    );
    const history = await service.readHistory(sessionId);
    const notice = history.messages[0];
    assert.ok(notice?.role === 'system_notice');
    assert.deepEqual([notice.kind, notice.body], ['generic', 'Be careful.']);
    assert.equal(history.messageCount, 3);
  },
);

void test(
  'unknown, archived and busy sessions fail with the contract errors',
  { timeout: 10_000 },
  async () => {
    const { service, llm } = harness({ steps: [{ hang: true }] });
    await assert.rejects(
      service.startTurn(UNKNOWN_ID, 'hi'),
      rejectsWith('SESSION_NOT_FOUND', `Session not found: ${UNKNOWN_ID}`),
    );
    const archived = await service.createSession();
    await service.archive(archived.sessionId);
    await assert.rejects(
      service.startTurn(archived.sessionId, 'hi'),
      rejectsWith('SESSION_NOT_FOUND', `Session not found: ${archived.sessionId}`),
    );
    const { sessionId } = await service.createSession();
    const running = service.startTurn(sessionId, 'slow');
    await llm.hanging;
    await assert.rejects(
      service.startTurn(sessionId, 'again'),
      rejectsWith('SESSION_BUSY', `session is busy: ${sessionId}`),
    );
    await service.interrupt(sessionId);
    await assert.rejects(running, rejectsWith('REQUEST_CANCELLED', 'request cancelled'));
    assert.throws(
      () => parseTurnStartParams({ prompt: 'x' }),
      rejectsWith('INVALID_PARAMS', 'Invalid params: missing field `session_id`'),
    );
  },
);
