import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CASE_TIMEOUT, rejectsWithCode, withStore, type OpenSessionStore } from './session-store-harness.js';
import { assistantText, sampleRecord, userMessage } from './session-store-samples.js';

/** Session metadata: create, get, update, and listing with ordering, filters and pagination. */
export function registerSessionCases(open: OpenSessionStore): void {
  void it('createSession then getSession returns every field', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      const full = sampleRecord('s-full', {
        createdAtMs: 1_000,
        updatedAtMs: 2_000,
        model: 'gpt-5',
        provider: 'openai',
        labels: { team: 'core', env: 'prod', empty: '' },
        archived: true,
        pending: true,
        settings: {
          system_prompt: 'Be brief.',
          max_tokens: 512,
          output_schema: { type: 'object' },
          list: [1, null],
        },
        usage: { inputTokens: 11, outputTokens: 22, cacheCreationTokens: 33, cacheReadTokens: 44 },
        lastAssistantText: 'last words',
      });
      const bare = sampleRecord('s-bare');
      await store.createSession(full);
      await store.createSession(bare);
      assert.deepEqual(await store.getSession('s-full'), full);
      const readBare = await store.getSession('s-bare');
      assert.deepEqual(readBare, bare);
      assert.equal(readBare !== undefined && 'lastAssistantText' in readBare, false);
    }),
  );

  void it('getSession of an unknown id is undefined', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      assert.equal(await store.getSession('nope'), undefined);
    }),
  );

  void it('createSession with an existing id fails with conflict and keeps the first', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      const first = sampleRecord('s1', { model: 'first' });
      await store.createSession(first);
      await rejectsWithCode(store.createSession(sampleRecord('s1', { model: 'second' })), 'conflict');
      assert.deepEqual(await store.getSession('s1'), first);
    }),
  );

  void it(
    'createSession stores initial messages; a messageCount that disagrees is a conflict',
    CASE_TIMEOUT,
    () =>
      withStore(open, async (store) => {
        const messages = [userMessage('hi'), assistantText('hello')];
        await store.createSession(sampleRecord('s1', { messageCount: 2 }), messages);
        assert.deepEqual(await store.readMessages('s1'), messages);
        await rejectsWithCode(
          store.createSession(sampleRecord('s2', { messageCount: 1 }), messages),
          'conflict',
        );
        assert.equal(await store.getSession('s2'), undefined);
      }),
  );

  void it('updateSession changes only the given fields', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      const record = sampleRecord('s1', {
        labels: { stage: 'draft' },
        pending: true,
        lastAssistantText: 'x',
      });
      await store.createSession(record);
      await store.updateSession('s1', { archived: true });
      assert.deepEqual(await store.getSession('s1'), { ...record, archived: true });
      const patch = {
        labels: { stage: 'live', owner: 'me' },
        settings: { max_tokens: 9 },
        model: 'gemini-2.5-pro',
        provider: 'gemini',
        pending: false,
        archived: false,
      };
      await store.updateSession('s1', patch);
      assert.deepEqual(await store.getSession('s1'), { ...record, ...patch });
      assert.deepEqual(await store.listSessions({ labels: { stage: 'draft' } }), []);
      assert.deepEqual(
        (await store.listSessions({ labels: { stage: 'live' } })).map((session) => session.sessionId),
        ['s1'],
      );
    }),
  );

  void it('updateSession of an unknown session fails with not_found', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await rejectsWithCode(store.updateSession('nope', { archived: true }), 'not_found');
    }),
  );

  void it('listSessions orders by updatedAtMs descending, ties by sessionId ascending', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      for (const [sessionId, updatedAtMs] of [
        ['s-b', 200],
        ['s-d', 100],
        ['s-a', 200],
        ['s-c', 300],
      ] as const) {
        await store.createSession(sampleRecord(sessionId, { updatedAtMs }));
      }
      const ids = (await store.listSessions()).map((session) => session.sessionId);
      assert.deepEqual(ids, ['s-c', 's-a', 's-b', 's-d']);
    }),
  );

  void it('listSessions filters by labels as an AND of exact matches', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await store.createSession(sampleRecord('s1', { updatedAtMs: 4, labels: { team: 'a', env: 'prod' } }));
      await store.createSession(sampleRecord('s2', { updatedAtMs: 3, labels: { team: 'a', env: 'dev' } }));
      await store.createSession(sampleRecord('s3', { updatedAtMs: 2, labels: { team: 'b' } }));
      await store.createSession(sampleRecord('s4', { updatedAtMs: 1 }));
      const ids = async (labels: Record<string, string>): Promise<string[]> =>
        (await store.listSessions({ labels })).map((session) => session.sessionId);
      assert.deepEqual(await ids({}), ['s1', 's2', 's3', 's4']);
      assert.deepEqual(await ids({ team: 'a' }), ['s1', 's2']);
      assert.deepEqual(await ids({ team: 'a', env: 'prod' }), ['s1']);
      assert.deepEqual(await ids({ team: 'b', env: 'prod' }), []);
      assert.deepEqual(await ids({ team: 'A' }), []);
      assert.deepEqual(await ids({ team: '' }), []);
    }),
  );

  void it('listSessions hides archived sessions unless includeArchived', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await store.createSession(sampleRecord('live', { updatedAtMs: 2 }));
      await store.createSession(sampleRecord('old', { updatedAtMs: 1, archived: true }));
      assert.deepEqual(
        (await store.listSessions()).map((session) => session.sessionId),
        ['live'],
      );
      assert.deepEqual(
        (await store.listSessions({ includeArchived: true })).map((session) => session.sessionId),
        ['live', 'old'],
      );
    }),
  );

  void it('listSessions applies offset and limit after filtering and ordering', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      for (let index = 0; index < 6; index += 1) {
        const labels: Record<string, string> = index % 2 === 0 ? { even: 'yes' } : {};
        await store.createSession(sampleRecord(`s${index}`, { updatedAtMs: 100 - index, labels }));
      }
      await store.createSession(sampleRecord('archived', { updatedAtMs: 1_000, archived: true }));
      const ids = async (query: Parameters<typeof store.listSessions>[0]): Promise<string[]> =>
        (await store.listSessions(query)).map((session) => session.sessionId);
      assert.deepEqual(await ids({ limit: 2 }), ['s0', 's1']);
      assert.deepEqual(await ids({ offset: 2, limit: 2 }), ['s2', 's3']);
      assert.deepEqual(await ids({ offset: 4 }), ['s4', 's5']);
      assert.deepEqual(await ids({ offset: 10 }), []);
      assert.deepEqual(await ids({ limit: 0 }), []);
      assert.deepEqual(await ids({ labels: { even: 'yes' }, offset: 1, limit: 1 }), ['s2']);
      assert.deepEqual(await ids({ includeArchived: true, limit: 2 }), ['archived', 's0']);
    }),
  );

  void it('an empty store lists nothing', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      assert.deepEqual(await store.listSessions({ includeArchived: true }), []);
    }),
  );
}
