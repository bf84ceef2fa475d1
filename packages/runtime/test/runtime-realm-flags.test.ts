import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { RealmOpenError, listLeases, openRuntime, type RealmOpenFailure } from '../src/index.js';
import { ScriptedLlm, scriptedBindings } from './support/scripted-llm.js';

async function withStateRoot(run: (stateRoot: string) => Promise<void>): Promise<void> {
  const stateRoot = await mkdtemp(join(tmpdir(), 'rkat-runtime-flags-'));
  try {
    await run(stateRoot);
  } finally {
    await rm(stateRoot, { recursive: true, force: true });
  }
}

const failsWith = (reason: RealmOpenFailure, pattern?: RegExp) => (error: unknown) =>
  error instanceof RealmOpenError && error.reason === reason && (pattern?.test(error.message) ?? true);

const providers = () => scriptedBindings(new ScriptedLlm([]));

void test(
  '--realm with --isolated and the jsonl backend fail before touching disk',
  { timeout: 10_000 },
  async () => {
    await withStateRoot(async (stateRoot) => {
      await assert.rejects(
        openRuntime({ stateRoot, realmId: 'team', isolated: true, providers }),
        failsWith('conflicting_flags'),
      );
      await assert.rejects(
        openRuntime({ stateRoot, realmId: 'team', backend: 'jsonl', providers }),
        failsWith('backend_unavailable', /jsonl/),
      );
      assert.deepEqual(await readdir(stateRoot), []);
      await assert.rejects(
        openRuntime({ stateRoot, realmId: 'team', instanceId: 'bad\nid', providers }),
        failsWith('invalid_instance_id'),
      );
    });
  },
);

void test(
  'a backend mismatch with an existing manifest is a start-up error',
  { timeout: 10_000 },
  async () => {
    await withStateRoot(async (stateRoot) => {
      const root = join(stateRoot, 'legacy');
      await mkdir(root);
      await writeFile(
        join(root, 'realm_manifest.json'),
        JSON.stringify({ realm_id: 'legacy', backend: 'jsonl', origin: 'explicit', created_at: '1' }),
      );
      await assert.rejects(
        openRuntime({ stateRoot, realmId: 'legacy', backend: 'sqlite', providers }),
        failsWith('backend_mismatch', /jsonl/),
      );
      await assert.rejects(
        openRuntime({ stateRoot, realmId: 'legacy', providers }),
        failsWith('backend_unavailable', /jsonl/),
      );
      const runtime = await openRuntime({ stateRoot, realmId: 'fresh', backend: 'sqlite', providers });
      await runtime.close();
      const reopened = await openRuntime({ stateRoot, realmId: 'fresh', providers });
      assert.equal(reopened.backend, 'sqlite');
      await reopened.close();
    });
  },
);

void test('an instance holds a lease while open and exposes its paths', { timeout: 10_000 }, async () => {
  await withStateRoot(async (stateRoot) => {
    const runtime = await openRuntime({ stateRoot, realmId: 'team', providers, userConfigRoot: 'relative' });
    assert.match(runtime.instanceId, /^instance-[0-9a-f-]{36}$/);
    assert.ok(isAbsolute(runtime.userConfigRoot));
    assert.equal(runtime.contextRoot, undefined);
    assert.deepEqual(runtime.resolvedPaths, {
      root: join(stateRoot, 'team'),
      manifest_path: join(stateRoot, 'team', 'realm_manifest.json'),
      config_path: join(stateRoot, 'team', 'config.toml'),
      sessions_sqlite_path: join(stateRoot, 'team', 'sessions.sqlite3'),
      sessions_jsonl_dir: join(stateRoot, 'team', 'sessions_jsonl'),
    });
    const lease = JSON.parse(await readFile(runtime.lease?.path ?? '', 'utf8')) as Record<string, unknown>;
    assert.equal(lease.instance_id, runtime.instanceId);
    assert.equal(lease.surface, 'rkat-rpc');
    assert.equal(lease.realm_id, 'team');
    const named = await openRuntime({ stateRoot, realmId: 'team', instanceId: 'worker-2', providers });
    const listing = await listLeases(runtime.paths);
    assert.deepEqual(
      listing.leases.map((entry) => entry.record.instance_id).sort(),
      [runtime.instanceId, 'worker-2'].sort(),
    );
    await Promise.all([runtime.close(), runtime.close()]);
    await named.close();
    await named.close();
    assert.deepEqual(await readdir(runtime.paths.leasesDirectory), []);

    const unleased = await openRuntime({ stateRoot, realmId: 'team', lease: false, providers });
    assert.equal(unleased.lease, undefined);
    assert.deepEqual(await readdir(runtime.paths.leasesDirectory), []);
    await unleased.close();
    assert.ok((await stat(runtime.paths.manifestPath)).isFile());
  });
});

void test('a config change applies to sessions created afterwards', { timeout: 20_000 }, async () => {
  await withStateRoot(async (stateRoot) => {
    const llm = new ScriptedLlm([{ text: 'one' }, { text: 'two' }]);
    const runtime = await openRuntime({ stateRoot, realmId: 'team', providers: () => scriptedBindings(llm) });
    try {
      const before = await runtime.sessions.createSession();
      assert.equal(before.model, 'claude-opus-4-7');
      const envelope = await runtime.configService.patch({
        patch: { agent: { model: 'gpt-5.5' }, max_tokens: 1234 },
        expected_generation: 0,
      });
      assert.equal(envelope.generation, 1);
      assert.equal(envelope.instance_id, runtime.instanceId);
      assert.equal(runtime.config.agent.model, 'gpt-5.5');
      const after = await runtime.sessions.createSession();
      assert.equal(after.model, 'gpt-5.5');
      assert.equal(after.provider, 'openai');
      await runtime.sessions.startTurn(after.sessionId, 'hi');
      assert.equal(llm.calls[0]?.model, 'gpt-5.5');
      assert.equal(llm.calls[0]?.maxTokens, 1234);
    } finally {
      await runtime.close();
    }
    const reopened = await openRuntime({
      stateRoot,
      realmId: 'team',
      providers: () => scriptedBindings(llm),
    });
    assert.equal(reopened.config.agent.model, 'gpt-5.5', 'the written config is read back');
    assert.equal((await reopened.configService.get()).generation, 1);
    await reopened.close();
  });
});
