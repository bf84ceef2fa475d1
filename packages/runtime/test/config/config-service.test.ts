import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { ConfigGenerationConflictError, RuntimeError, rpcErrorCodeOf } from '../../src/index.js';
import { openConfigService, withRealmPaths } from './support/config-realm.js';

const failsWith = (message: string | RegExp) => (error: unknown) => {
  if (!RuntimeError.is(error)) return false;
  assert.equal(rpcErrorCodeOf(error), 'INVALID_PARAMS');
  if (typeof message === 'string') assert.equal(error.message, message);
  else assert.match(error.message, message);
  return true;
};

void test(
  'config/get on a new realm: defaults, generation 0, the envelope',
  { timeout: 10_000 },
  async () => {
    await withRealmPaths(async (paths) => {
      const service = await openConfigService(paths);
      const envelope = await service.get();
      assert.equal(envelope.generation, 0);
      assert.equal(envelope.realm_id, 'cfg');
      assert.equal(envelope.instance_id, 'instance-test');
      assert.equal(envelope.backend, 'sqlite');
      assert.deepEqual(Object.keys(envelope.resolved_paths), [
        'root',
        'manifest_path',
        'config_path',
        'sessions_sqlite_path',
        'sessions_jsonl_dir',
      ]);
      for (const path of Object.values(envelope.resolved_paths)) assert.ok(isAbsolute(path));
      assert.equal(envelope.resolved_paths.config_path, paths.configPath);
      assert.equal((envelope.config.agent as { model: string }).model, 'claude-opus-4-7');
      assert.equal(envelope.config.max_tokens, 16384);
      assert.equal(service.current().agent.model, 'claude-opus-4-7');
    });
  },
);

void test('config/set writes TOML, bumps the generation and enforces CAS', { timeout: 10_000 }, async () => {
  await withRealmPaths(async (paths) => {
    const service = await openConfigService(paths);
    const first = await service.set({
      config: { agent: { model: 'gpt-5.5' }, extra: { kept: [1, 2] } },
      expected_generation: 0,
    });
    assert.equal(first.generation, 1);
    assert.equal((first.config.agent as { model: string }).model, 'gpt-5.5');
    assert.deepEqual(first.config.extra, { kept: [1, 2] }, 'unknown keys round-trip');
    assert.equal(service.current().agent.model, 'gpt-5.5');
    const onDisk = parseToml(await readFile(paths.configPath, 'utf8')) as Record<string, unknown>;
    assert.equal((onDisk.agent as { model: string }).model, 'gpt-5.5');
    assert.deepEqual(JSON.parse(await readFile(paths.configStatePath, 'utf8')), { generation: 1 });

    const bare = await service.set({ agent: { model: 'gemini-3-pro' } });
    assert.equal(bare.generation, 2, 'a bare config skips CAS');
    await assert.rejects(
      service.set({ config: { agent: { model: 'x' } }, expected_generation: 1 }),
      (error: unknown) =>
        error instanceof ConfigGenerationConflictError &&
        failsWith('Generation conflict: expected 1, current 2')(error),
    );
    const after = await service.get();
    assert.equal(after.generation, 2);
    assert.equal((after.config.agent as { model: string }).model, 'gemini-3-pro');
    assert.deepEqual(after.config, bare.config);
    assert.deepEqual((await readdir(paths.root)).sort(), ['config.toml', 'config_state.json']);
  });
});

void test(
  'validation runs before the CAS check, with the documented messages',
  { timeout: 10_000 },
  async () => {
    await withRealmPaths(async (paths) => {
      const service = await openConfigService(paths);
      const stale = 99;
      await assert.rejects(
        service.set({ config: { max_tokens: 0 }, expected_generation: stale }),
        failsWith('Invalid config: max_tokens must be greater than 0'),
      );
      await assert.rejects(
        service.patch({ patch: { agent: { max_tokens_per_turn: 0 } }, expected_generation: stale }),
        failsWith('Invalid config: agent.max_tokens_per_turn must be greater than 0'),
      );
      await assert.rejects(
        service.set({ config: { agent: { model: 5 } }, expected_generation: stale }),
        failsWith(/^Failed to parse config payload: \/agent\/model/),
      );
      await assert.rejects(
        service.patch({ patch: { retry: { initial_delay: 'soon' } }, expected_generation: stale }),
        failsWith(/^Failed to apply config patch preview: retry\.initial_delay/),
      );
      await assert.rejects(
        service.patch({ patch: ['not', 'an', 'object'] }),
        failsWith(/^Failed to apply config patch preview: /),
      );
      await assert.rejects(
        service.set({ shell: { security_mode: 'allow_list', security_patterns: ['ls', '*'] } }),
        failsWith(/^Invalid config: shell\.security_patterns may not contain "\*"/),
      );
      await assert.rejects(
        service.set({ tools: { network_allowlist: ['*'] } }),
        failsWith('Invalid config: tools.network_allowlist may not contain "*"'),
      );
      await assert.rejects(
        service.set({ self_hosted: { models: { gemma: { server: 'nope', remote_model: 'g' } } } }),
        failsWith("Invalid config: self_hosted.models.gemma: unknown server 'nope'"),
      );
      await assert.rejects(
        service.set({ config: { max_tokens: 1 }, expected_generation: stale }),
        failsWith(`Generation conflict: expected ${stale}, current 0`),
      );
      assert.equal((await service.get()).generation, 0, 'nothing was written');
      assert.deepEqual(await readdir(paths.root).catch(() => []), [], 'no lock or temp file is left');
    });
  },
);

void test('config/patch merges into the current config (RFC 7396)', { timeout: 10_000 }, async () => {
  await withRealmPaths(async (paths) => {
    const service = await openConfigService(paths);
    await service.patch({ agent: { system_prompt: 'Be brief.' }, budget: { max_tool_calls: 4 } });
    const patched = await service.patch({
      patch: { agent: { system_prompt: null, model: 'gpt-5.5' }, future: { flag: true } },
      expected_generation: 1,
    });
    assert.equal(patched.generation, 2);
    const agent = patched.config.agent as Record<string, unknown>;
    assert.equal(agent.system_prompt, undefined);
    assert.equal(agent.model, 'gpt-5.5');
    assert.equal(agent.structured_output_retries, 2);
    assert.deepEqual(patched.config.budget, { max_tool_calls: 4 });
    assert.deepEqual(patched.config.future, { flag: true });
    assert.equal(service.current().agent.systemPrompt, undefined);
    assert.equal(service.current().budget.maxToolCalls, 4);
    const reopened = await openConfigService(paths);
    assert.deepEqual((await reopened.get()).config, patched.config);
  });
});

void test(
  'concurrent patches with one expected generation: exactly one wins',
  { timeout: 20_000 },
  async () => {
    await withRealmPaths(async (paths) => {
      // Two services on one realm stand in for two processes: they share only the files and the lock.
      const services = [await openConfigService(paths), await openConfigService(paths)];
      const attempts = Array.from({ length: 8 }, (_, index) =>
        services[index % 2]!.patch({ patch: { agent: { model: `model-${index}` } }, expected_generation: 0 }),
      );
      const results = await Promise.allSettled(attempts);
      const won = results.filter((result) => result.status === 'fulfilled');
      const lost = results.filter((result) => result.status === 'rejected');
      assert.equal(won.length, 1);
      for (const result of lost) {
        assert.ok(result.reason instanceof ConfigGenerationConflictError);
        assert.equal((result.reason as Error).message, 'Generation conflict: expected 0, current 1');
      }
      assert.equal((await services[0]!.get()).generation, 1);
    });
  },
);
