import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentEvent } from '@rkat/contracts';
import { RuntimeError, normalizeRealmConfig } from '../../src/index.js';
import { REALM, serviceFixture } from '../support/service-fixture.js';

void test('a turn runs, streams events and commits the transcript', { timeout: 10_000 }, async () => {
  const { service, store, llm, events } = serviceFixture([
    { text: 'hello', usage: { input: 10, output: 5 } },
  ]);
  const created = await service.createSession({ model: 'claude-opus-4-7', labels: { team: 'a' } });
  assert.equal(created.provider, 'anthropic');
  assert.equal(created.sessionRef, `${REALM}:${created.sessionId}`);
  const seen: AgentEvent['type'][] = [];
  const result = await service.startTurn(created.sessionId, 'hi', {
    onEvent: (event) => seen.push(event.type),
  });
  assert.equal(result.text, 'hello');
  assert.equal(result.session_ref, `${REALM}:${created.sessionId}`);
  assert.deepEqual(result.usage, { input_tokens: 10, output_tokens: 5, total_tokens: 15 });
  assert.equal(result.turns, 1);
  assert.equal(seen[0], 'run_started');
  assert.ok(seen.includes('text_delta'));
  assert.equal(seen.at(-1), 'run_completed');
  assert.deepEqual(
    events.map((entry) => entry.event.type),
    seen,
    'subscribers see the same events',
  );
  assert.deepEqual(llm.calls[0]?.toolNames, ['datetime'], 'sessions get the built-in tools');
  const history = await service.readHistory(created.sessionId);
  assert.deepEqual(
    history.messages.map((message) => message.role),
    ['user', 'block_assistant'],
  );
  assert.equal(history.hasMore, false);
  const info = await service.readSession(created.sessionId);
  assert.equal(info.messageCount, 2);
  assert.equal(info.lastAssistantText, 'hello');
  assert.equal(info.pending, false);
  assert.deepEqual(info.labels, { team: 'a' });
  assert.deepEqual(await store.pendingInputs(created.sessionId), [], 'the input is consumed');
});

void test(
  'usage in a result is the usage of that run; the session keeps the totals',
  { timeout: 10_000 },
  async () => {
    const { service } = serviceFixture([
      { text: 'one', usage: { input: 10, output: 5 } },
      { text: 'two', usage: { input: 20, output: 7 } },
    ]);
    const { sessionId } = await service.createSession();
    await service.startTurn(sessionId, 'first');
    const second = await service.startTurn(sessionId, 'second');
    assert.deepEqual(second.usage, { input_tokens: 20, output_tokens: 7, total_tokens: 27 });
    const [summary] = await service.listSessions();
    assert.equal(summary?.totalTokens, 42);
    assert.equal(summary?.messageCount, 4);
  },
);

void test('a tool call runs a built-in and the answer follows', { timeout: 10_000 }, async () => {
  const { service, llm } = serviceFixture([
    { tools: [{ id: 'call-1', name: 'datetime' }] },
    { text: 'It is Saturday.' },
  ]);
  const { sessionId } = await service.createSession();
  const result = await service.startTurn(sessionId, 'what day is it?');
  assert.equal(result.tool_calls, 1);
  assert.equal(result.turns, 2);
  assert.equal(result.text, 'It is Saturday.');
  const toolResults = llm.calls[1]?.messages.at(-1);
  assert.equal(toolResults?.role, 'tool_results');
  assert.match(JSON.stringify(toolResults), /Saturday/);
});

void test(
  'a second turn while one runs is SESSION_BUSY; interrupt cancels the first',
  { timeout: 10_000 },
  async () => {
    const { service, llm, store } = serviceFixture([{ hang: true }, { text: 'after' }]);
    const { sessionId } = await service.createSession();
    const first = service.startTurn(sessionId, 'slow');
    await llm.hanging;
    assert.equal(service.isActive(sessionId), true);
    await assert.rejects(service.startTurn(sessionId, 'again'), (error: unknown) =>
      RuntimeError.is(error, 'SESSION_BUSY'),
    );
    assert.equal(await service.interrupt(sessionId), true);
    await assert.rejects(first, (error: unknown) => RuntimeError.is(error, 'REQUEST_CANCELLED'));
    assert.equal(service.isActive(sessionId), false);
    assert.deepEqual(await store.pendingInputs(sessionId), [], 'the interrupted input is abandoned');
    assert.equal(await service.interrupt(sessionId), false, 'interrupting an idle session is a no-op');
    const result = await service.startTurn(sessionId, 'now');
    assert.equal(result.text, 'after');
  },
);

void test('unknown sessions and bad locators fail with typed errors', { timeout: 10_000 }, async () => {
  const { service } = serviceFixture([]);
  const unknown = '01890000-0000-7000-8000-000000000000';
  await assert.rejects(service.startTurn(unknown, 'hi'), (error: unknown) =>
    RuntimeError.is(error, 'SESSION_NOT_FOUND'),
  );
  await assert.rejects(service.readSession(unknown), (error: unknown) =>
    RuntimeError.is(error, 'SESSION_NOT_FOUND'),
  );
  await assert.rejects(service.interrupt(unknown), (error: unknown) =>
    RuntimeError.is(error, 'SESSION_NOT_FOUND'),
  );
  await assert.rejects(service.startTurn('not-a-uuid', 'hi'), (error: unknown) =>
    RuntimeError.is(error, 'INVALID_PARAMS'),
  );
  await assert.rejects(service.readSession(`other-realm:${unknown}`), /does not match active runtime realm/);
});

void test('create validates provider, model, labels and output schema', { timeout: 10_000 }, async () => {
  const { service } = serviceFixture([]);
  const invalid = (pattern: RegExp) => (error: unknown) =>
    RuntimeError.is(error, 'INVALID_PARAMS') && pattern.test((error as Error).message);
  await assert.rejects(service.createSession({ provider: 'acme' }), invalid(/unknown provider 'acme'/));
  await assert.rejects(
    service.createSession({ model: 'gpt-5.5', provider: 'anthropic' }),
    invalid(/conflicts with provider 'anthropic'/),
  );
  await assert.rejects(service.createSession({ labels: { 'Meerkat.x': '1' } }), invalid(/reserved/));
  await assert.rejects(service.createSession({ outputSchema: [1] }), invalid(/^Invalid output_schema/));
  await assert.rejects(service.createSession({ maxTokens: 0 }), invalid(/max_tokens/));
  const aliased = await service.createSession({ provider: 'open_a_i' });
  assert.deepEqual(
    [aliased.provider, aliased.model],
    ['openai', 'gpt-5.5'],
    'a provider alone picks its default',
  );
  const inferred = await service.createSession({ model: 'gemini-3-flash-preview' });
  assert.equal(inferred.provider, 'gemini');
});

void test('the realm default model applies when the request names none', { timeout: 10_000 }, async () => {
  const config = normalizeRealmConfig({
    agent: { model: 'claude-sonnet-4-6', system_prompt: 'realm prompt' },
  });
  const { service, llm } = serviceFixture([{ text: 'ok' }], { config });
  const created = await service.createSession();
  assert.deepEqual([created.model, created.provider], ['claude-sonnet-4-6', 'anthropic']);
  await service.startTurn(created.sessionId, 'hi');
  assert.equal(llm.calls[0]?.systemPrompt, 'realm prompt');
  assert.equal(llm.calls[0]?.maxTokens, 16384);
});
