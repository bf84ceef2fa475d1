import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeError, deriveWorkspaceRealmId, openRuntime } from '../src/index.js';
import { ScriptedLlm, scriptedBindings } from './support/scripted-llm.js';

async function withStateRoot(run: (stateRoot: string) => Promise<void>): Promise<void> {
  const stateRoot = await mkdtemp(join(tmpdir(), 'rkat-runtime-'));
  try {
    await run(stateRoot);
  } finally {
    await rm(stateRoot, { recursive: true, force: true });
  }
}

void test('a reopened realm resumes its SQLite sessions', { timeout: 20_000 }, async () => {
  await withStateRoot(async (stateRoot) => {
    const firstLlm = new ScriptedLlm([{ text: 'stored answer' }]);
    const first = await openRuntime({
      stateRoot,
      realmId: 'team',
      providers: () => scriptedBindings(firstLlm),
    });
    assert.equal(first.manifest.origin, 'explicit');
    assert.equal(first.config.maxTokens, 16384);
    const { sessionId } = await first.sessions.createSession();
    await first.sessions.startTurn(sessionId, 'remember me');
    await first.close();
    await first.close();
    assert.ok((await stat(join(stateRoot, 'team', 'sessions.sqlite3'))).isFile());

    const secondLlm = new ScriptedLlm([{ text: 'resumed' }]);
    const second = await openRuntime({
      stateRoot,
      realmId: 'team',
      providers: () => scriptedBindings(secondLlm),
    });
    try {
      const result = await second.sessions.startTurn(`team:${sessionId}`, 'and now?');
      assert.equal(result.text, 'resumed');
      assert.match(JSON.stringify(secondLlm.calls[0]?.messages), /remember me.*stored answer.*and now\?/);
      const [summary] = await second.sessions.listSessions();
      assert.equal(summary?.messageCount, 4);
    } finally {
      await second.close();
    }
  });
});

void test('realm selection: workspace, generated, invalid', { timeout: 20_000 }, async () => {
  await withStateRoot(async (stateRoot) => {
    const workspace = await openRuntime({ stateRoot, workspaceDirectory: stateRoot });
    assert.equal(workspace.realmId, deriveWorkspaceRealmId(stateRoot));
    assert.equal(workspace.manifest.origin, 'workspace');
    await workspace.close();
    const generated = await openRuntime({ stateRoot });
    assert.match(generated.realmId, /^realm-/);
    const manifest = JSON.parse(await readFile(generated.paths.manifestPath, 'utf8')) as { origin: string };
    assert.equal(manifest.origin, 'generated');
    await generated.close();
    await assert.rejects(openRuntime({ stateRoot, realmId: 'bad:id' }), (error: unknown) =>
      RuntimeError.is(error, 'INVALID_REALM'),
    );
  });
});
