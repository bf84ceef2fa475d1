import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionHistoryResult, WireSessionInfo, WireSessionSummary, checkContract } from '@rkat/contracts';
import { buildModelsCatalog } from '@rkat/providers';
import {
  parseHistoryParams,
  parseListSessionsParams,
  toWireSessionHistory,
  toWireSessionInfo,
  toWireSessionSummary,
} from '../../src/index.js';
import { harness, rejectsWith } from './session-harness.js';

void test(
  'list: pending first, then by updated desc; labels AND; paging after merging',
  { timeout: 10_000 },
  async () => {
    const { service, llm } = harness({ steps: [{ text: '1' }, { text: '2' }, { hang: true }] });
    const older = await service.createSession({ labels: { team: 'a', env: 'prod' } });
    const newer = await service.createSession({ labels: { team: 'a' } });
    const pending = await service.createSession({
      prompt: 'p',
      initialTurn: 'deferred',
      labels: { team: 'b' },
    });
    await service.startTurn(older.sessionId, 'x');
    await service.startTurn(newer.sessionId, 'y');
    const ids = (await service.listSessions()).map((summary) => summary.sessionId);
    assert.deepEqual(ids, [pending.sessionId, newer.sessionId, older.sessionId]);
    const first = (await service.listSessions())[0];
    assert.deepEqual([first?.messageCount, first?.totalTokens], [0, 0]);
    assert.deepEqual(
      (await service.listSessions({ labels: { team: 'a', env: 'prod' } })).map(
        (summary) => summary.sessionId,
      ),
      [older.sessionId],
    );
    assert.deepEqual(
      (await service.listSessions(parseListSessionsParams({ offset: 1, limit: 1, labels: null }))).map(
        (summary) => summary.sessionId,
      ),
      [newer.sessionId],
    );
    const running = service.startTurn(older.sessionId, 'slow');
    await llm.hanging;
    const active = (await service.listSessions()).find((summary) => summary.sessionId === older.sessionId);
    assert.equal(active?.isActive, true);
    const wire = toWireSessionSummary(active ?? assert.fail('listed'));
    assert.ok(checkContract(WireSessionSummary, wire).ok);
    assert.deepEqual(wire.labels, { team: 'a', env: 'prod' });
    assert.equal(
      toWireSessionSummary({ ...active, labels: {} }).labels,
      undefined,
      'empty labels are omitted',
    );
    await service.interrupt(older.sessionId);
    await assert.rejects(running);
    await assert.rejects(
      service.listSessions({ limit: -1 }),
      rejectsWith('INVALID_PARAMS', 'limit must be >= 0'),
    );
  },
);

void test(
  'read: model identity, capabilities from the catalog, last assistant text',
  { timeout: 10_000 },
  async () => {
    const { service } = harness({ steps: [{ text: 'the answer' }] });
    const { sessionId } = await service.createSession({ labels: { k: 'v' } });
    await service.startTurn(sessionId, 'q');
    const info = await service.readSession(sessionId);
    assert.deepEqual(
      [info.model, info.provider, info.lastAssistantText],
      ['claude-opus-4-7', 'anthropic', 'the answer'],
    );
    const profile = buildModelsCatalog()
      .providers.flatMap((entry) => entry.models)
      .find((model) => model.id === 'claude-opus-4-7')?.profile;
    assert.ok(profile);
    assert.deepEqual(info.resolvedCapabilities, {
      vision: profile.vision,
      image_input: profile.image_input,
      image_tool_results: profile.image_tool_results,
      inline_video: profile.inline_video,
      realtime: profile.realtime,
      web_search: profile.supports_web_search,
      image_generation: profile.image_generation,
    });
    const mystery = await service.createSession({ model: 'mystery-model' });
    assert.equal((await service.readSession(mystery.sessionId)).resolvedCapabilities, undefined);
    const wire = toWireSessionInfo(info);
    assert.ok(checkContract(WireSessionInfo, wire).ok);
    assert.equal(wire.last_assistant_text, 'the answer');
    assert.equal(wire.created_at, Math.floor(info.createdAtMs / 1000));
  },
);

void test(
  'history pages with has_more; a single text block is a plain string',
  { timeout: 10_000 },
  async () => {
    const { service } = harness({ steps: [{ text: 'one' }, { text: 'two' }] });
    const { sessionId } = await service.createSession();
    await service.startTurn(sessionId, [{ type: 'text', text: 'as a block' }]);
    await service.startTurn(sessionId, [
      { type: 'text', text: 'two' },
      { type: 'text', text: 'blocks' },
    ]);
    const request = parseHistoryParams({ session_id: sessionId, offset: 0, limit: 3 });
    const page = await service.readHistory(request.sessionId, request.page);
    assert.equal(page.hasMore, true);
    assert.equal(page.messageCount, 4);
    assert.deepEqual(
      page.messages.map((message) => message.role),
      ['user', 'block_assistant', 'user'],
    );
    const first = page.messages[0];
    assert.equal(first?.role === 'user' ? first.content : undefined, 'as a block');
    const third = page.messages[2];
    assert.ok(third?.role === 'user' && Array.isArray(third.content), 'several blocks stay blocks');
    const rest = await service.readHistory(sessionId, { offset: 3 });
    assert.deepEqual([rest.hasMore, rest.messages.length], [false, 1]);
    const wire = toWireSessionHistory(page);
    assert.ok(checkContract(SessionHistoryResult, wire).ok);
    assert.deepEqual([wire.offset, wire.limit, wire.has_more], [0, 3, true]);
    await assert.rejects(
      service.readHistory(sessionId, { offset: -1 }),
      rejectsWith('INVALID_PARAMS', 'offset must be >= 0'),
    );
  },
);
