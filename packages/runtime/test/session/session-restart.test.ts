import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteSessionStore } from '@rkat/store';
import type { SessionStore } from '@rkat/core';
import { harness } from './session-harness.js';
import type { ScriptedStep } from '../support/scripted-llm.js';

async function withDatabase(run: (open: () => Promise<SessionStore>) => Promise<void>): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'rkat-session-restart-'));
  const opened: SessionStore[] = [];
  try {
    await run(async () => {
      const store = await openSqliteSessionStore({ path: join(directory, 'sessions.sqlite3') });
      opened.push(store);
      return store;
    });
  } finally {
    await Promise.allSettled(opened.map((store) => store.close()));
    await rm(directory, { recursive: true, force: true });
  }
}

async function restart(open: () => Promise<SessionStore>, steps: ScriptedStep[] = []) {
  return harness({ store: await open(), steps });
}

void test(
  'pending sessions, identity swaps, archive marks, labels and settings survive a restart',
  { timeout: 20_000 },
  async () => {
    await withDatabase(async (open) => {
      const first = await restart(open, [{ text: 'swapped' }]);
      const pending = await first.service.createSession({
        prompt: 'staged',
        initialTurn: 'deferred',
        labels: { kind: 'pending' },
        additionalInstructions: ['Stay calm.'],
        shellEnv: { KEY: 'v' },
      });
      const swapped = await first.service.createSession({ labels: { kind: 'swapped' }, commsName: 'bot' });
      await first.service.startTurn(swapped.sessionId, 'hi', {
        model: 'gpt-5.5',
        providerParams: { reasoning_effort: 'low' },
        keepAlive: true,
      });
      const archived = await first.service.createSession({ labels: { kind: 'archived' } });
      await first.service.archive(archived.sessionId);
      await first.service.close();

      const second = await restart(open, [{ text: 'first run' }, { text: 'again' }]);
      const listed = await second.service.listSessions();
      assert.deepEqual(
        listed.map((summary) => [summary.sessionId, summary.labels['kind']]),
        [
          [pending.sessionId, 'pending'],
          [swapped.sessionId, 'swapped'],
        ],
        'pending first; the archived session stays hidden',
      );
      const archivedInfo = await second.service.readSession(archived.sessionId);
      assert.equal(archivedInfo.archived, true);
      await assert.rejects(second.service.startTurn(archived.sessionId, 'no'));

      const swappedInfo = await second.service.readSession(swapped.sessionId);
      assert.deepEqual([swappedInfo.model, swappedInfo.provider], ['gpt-5.5', 'openai']);
      await second.service.startTurn(swapped.sessionId, 'resume');
      assert.equal(second.llm.calls[0]?.model, 'gpt-5.5');
      const settings = second.toolRequests[0]?.settings;
      assert.deepEqual(settings?.provider_params, { reasoning_effort: 'low' });
      assert.equal(settings?.keep_alive, true);

      const pendingInfo = await second.service.readSession(pending.sessionId);
      assert.equal(pendingInfo.pending, true);
      await second.service.startTurn(pending.sessionId, 'now', { maxTokens: 99 });
      const call = second.llm.calls[1];
      assert.equal(call?.maxTokens, 99, 'still deferred after the restart: overrides allowed');
      assert.equal(call?.systemPrompt, 'Stay calm.');
      const user = call?.messages[0];
      assert.equal(user?.role === 'user' ? user.content : undefined, 'staged\n\nnow');
      assert.equal(second.toolRequests[1]?.settings.shell_env?.['KEY'], 'v');
      await second.service.close();
    });
  },
);
