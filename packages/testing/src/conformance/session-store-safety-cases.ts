import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { SessionMessage } from '@rkat/contracts';
import { CASE_TIMEOUT, rejectsWithCode, withStore, type OpenSessionStore } from './session-store-harness.js';
import {
  assistantText,
  everyMessageVariant,
  sampleInput,
  sampleRecord,
  userMessage,
} from './session-store-samples.js';

// An object with an own `__proto__` key, as a hostile client payload arrives: a bare JSON.parse on purpose.
const hostile = (json: string): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;

/** Values are copies, hostile JSON keys stay inert, and a closed store refuses calls. */
export function registerSafetyCases(open: OpenSessionStore): void {
  void it('values go in and come out as copies', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      const record = sampleRecord('s1', {
        labels: { a: '1' },
        settings: { nested: { n: 1 } },
        messageCount: 1,
      });
      const messages: SessionMessage[] = [userMessage('original')];
      const input = sampleInput('in1', 's1', 1);
      await store.createSession(record, messages);
      await store.recordInput(input);
      record.labels.a = 'changed';
      (record.settings.nested as { n: number }).n = 2;
      (messages[0] as { content: string }).content = 'changed';
      input.content = 'changed';

      const read = await store.getSession('s1');
      assert.deepEqual(read?.labels, { a: '1' });
      assert.deepEqual(read?.settings, { nested: { n: 1 } });
      if (read !== undefined) {
        read.labels.a = 'mutated';
        read.usage.inputTokens = 99;
      }
      const [message] = await store.readMessages('s1');
      (message as { content: string }).content = 'mutated';
      const [pending] = await store.pendingInputs('s1');
      if (pending !== undefined) pending.content = 'mutated';
      const [listed] = await store.listSessions();
      if (listed !== undefined) listed.settings.extra = true;

      assert.deepEqual(
        await store.getSession('s1'),
        sampleRecord('s1', {
          labels: { a: '1' },
          settings: { nested: { n: 1 } },
          messageCount: 1,
        }),
      );
      assert.deepEqual(await store.readMessages('s1'), [userMessage('original')]);
      assert.deepEqual(await store.pendingInputs('s1'), [sampleInput('in1', 's1', 1)]);
    }),
  );

  void it('__proto__ keys in stored JSON stay inert', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      const settings = hostile('{"__proto__": {"polluted": "settings"}, "kept": 1}');
      const labels = hostile('{"__proto__": "label", "team": "a"}') as Record<string, string>;
      const args = hostile('{"__proto__": {"polluted": "args"}, "path": "a.txt"}');
      const reply: SessionMessage = {
        role: 'block_assistant',
        blocks: [{ block_type: 'tool_use', data: { id: 'c1', name: 'read', args } }],
        stop_reason: 'tool_use',
        created_at: '2026-01-01T00:00:00Z',
      };
      await store.createSession(sampleRecord('s1', { settings, labels, messageCount: 1 }), [reply]);

      const read = await store.getSession('s1');
      assert.ok(read !== undefined);
      const [message] = await store.readMessages('s1');
      const block = message?.role === 'block_assistant' ? message.blocks[0] : undefined;
      const readArgs = block?.block_type === 'tool_use' ? block.data.args : undefined;
      assert.ok(readArgs !== undefined);
      for (const value of [read.settings, read.labels, readArgs]) {
        assert.equal(Object.getPrototypeOf(value), Object.prototype);
        assert.equal((value as { polluted?: unknown }).polluted, undefined);
      }
      assert.equal(read.settings.kept, 1);
      assert.equal(read.labels.team, 'a');
      assert.equal(readArgs.path, 'a.txt');
      assert.equal(({} as { polluted?: unknown }).polluted, undefined);
      const byHostileLabel = hostile('{"__proto__": "label"}') as Record<string, string>;
      assert.deepEqual(await store.listSessions({ labels: byHostileLabel }), []);
    }),
  );

  void it('a closed store rejects calls, and closing twice is harmless', CASE_TIMEOUT, () =>
    withStore(open, async (store) => {
      await store.createSession(sampleRecord('s1'));
      await store.close();
      await store.close();
      await rejectsWithCode(store.getSession('s1'), 'io');
      await rejectsWithCode(store.createSession(sampleRecord('s2')), 'io');
    }),
  );
}

/** Registered only when the harness can reopen its storage. */
export function registerReopenCases(open: OpenSessionStore): void {
  void it('everything survives a close and reopen', CASE_TIMEOUT, () =>
    withStore(open, async (store, context) => {
      const messages = everyMessageVariant();
      const first = sampleRecord('s1', {
        labels: { team: 'a' },
        messageCount: messages.length,
        updatedAtMs: 5,
      });
      await store.createSession(first, messages);
      await store.createSession(sampleRecord('s2', { archived: true, updatedAtMs: 1 }));
      await store.recordInput(sampleInput('in1', 's1', 1));
      await store.recordInput(sampleInput('in2', 's1', 2));
      await store.commitBoundary({
        sessionId: 's1',
        expectedMessageCount: messages.length,
        messages: [assistantText('after')],
        usageDelta: { inputTokens: 3, outputTokens: 4, cacheCreationTokens: 0, cacheReadTokens: 1 },
        updatedAtMs: 9,
        lastAssistantText: 'after',
        input: { inputId: 'in1', state: 'consumed' },
      });
      const sessions = await store.listSessions({ includeArchived: true });
      const transcript = await store.readMessages('s1');

      const reopened = await context.reopen();
      assert.deepEqual(await reopened.listSessions({ includeArchived: true }), sessions);
      assert.deepEqual(await reopened.readMessages('s1'), transcript);
      assert.deepEqual(await reopened.pendingInputs('s1'), [sampleInput('in2', 's1', 2)]);
      assert.deepEqual(
        (await reopened.listSessions({ labels: { team: 'a' } })).map((session) => session.sessionId),
        ['s1'],
      );
      await rejectsWithCode(
        reopened.commitBoundary({
          sessionId: 's1',
          expectedMessageCount: messages.length,
          messages: [userMessage('stale')],
          usageDelta: { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 },
          updatedAtMs: 10,
        }),
        'conflict',
      );
      await reopened.commitBoundary({
        sessionId: 's1',
        expectedMessageCount: messages.length + 1,
        messages: [userMessage('next')],
        usageDelta: { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 },
        updatedAtMs: 11,
        input: { inputId: 'in2', state: 'consumed' },
      });
      const again = await context.reopen();
      assert.deepEqual(await again.readMessages('s1', { offset: messages.length }), [
        assistantText('after'),
        userMessage('next'),
      ]);
      assert.deepEqual(await again.pendingInputs('s1'), []);
    }),
  );
}
