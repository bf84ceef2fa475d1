import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_MAX_TOKENS,
  DEFAULT_MODEL,
  DEFAULT_RETRY_POLICY,
  RuntimeError,
  loadRealmConfig,
  parseRealmConfigToml,
} from '../../src/index.js';

const isInvalidConfig = (pattern: RegExp) => (error: unknown) =>
  RuntimeError.is(error, 'INVALID_CONFIG') && pattern.test((error as Error).message);

void test('an absent config file yields the defaults', { timeout: 10_000 }, async () => {
  const directory = await mkdtemp(join(tmpdir(), 'rkat-config-'));
  try {
    const config = await loadRealmConfig(join(directory, 'config.toml'));
    assert.equal(config.agent.model, DEFAULT_MODEL);
    assert.equal(config.maxTokens, DEFAULT_MAX_TOKENS);
    assert.deepEqual(config.retry, DEFAULT_RETRY_POLICY);
    assert.deepEqual(config.budget, {});
    assert.equal(config.agent.structuredOutputRetries, 2);
    assert.deepEqual(config.selfHosted, { servers: {}, models: {} });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

void test('reads the subset this runtime uses', () => {
  const config = parseRealmConfigToml(`
max_tokens = 2048

[agent]
model = "gpt-5.5"
system_prompt = "Be brief."
temperature = 0.2

[budget]
max_tokens = 1000
max_duration = "1m 30s"
max_tool_calls = 4

[retry]
max_retries = 1
initial_delay = "750ms"
max_delay = 2000
call_timeout = "2m"

[models]
openai = "gpt-5.4"

[self_hosted.servers.local]
base_url = "http://127.0.0.1:11434"
api_style = "chat_completions"

[self_hosted.models.gemma]
server = "local"
remote_model = "gemma3:4b"

[tools]
builtins_enabled = true
`);
  assert.equal(config.maxTokens, 2048);
  assert.equal(config.agent.model, 'gpt-5.5');
  assert.equal(config.agent.systemPrompt, 'Be brief.');
  assert.equal(config.agent.temperature, 0.2);
  assert.deepEqual(config.budget, { maxTokens: 1000, maxDurationMs: 90_000, maxToolCalls: 4 });
  assert.deepEqual(config.retry, { maxRetries: 1, initialDelayMs: 750, maxDelayMs: 2000, multiplier: 2 });
  assert.equal(config.callTimeoutMs, 120_000);
  assert.equal(config.models.openai, 'gpt-5.4');
  assert.equal(config.selfHosted.models.gemma?.server, 'local');
  const tools = config.raw.tools as Record<string, unknown>;
  assert.equal(tools.builtins_enabled, true, 'sections are kept');
  assert.equal(tools.default_timeout, '10m', 'with their defaults filled in');
});

void test('max_tokens falls back to agent.max_tokens_per_turn', () => {
  assert.equal(parseRealmConfigToml('[agent]\nmax_tokens_per_turn = 777\n').maxTokens, 777);
});

void test('invalid configs fail with INVALID_CONFIG naming the problem', () => {
  assert.throws(
    () => parseRealmConfigToml('max_tokens = 0'),
    isInvalidConfig(/Invalid config: .*max_tokens/),
  );
  assert.throws(() => parseRealmConfigToml('[agent]\nmodel = 5'), isInvalidConfig(/agent\/model/));
  assert.throws(() => parseRealmConfigToml('not toml ['), isInvalidConfig(/Invalid config/));
  assert.throws(
    () => parseRealmConfigToml('[agent]\nmax_tokens_per_turn = 0'),
    isInvalidConfig(/^Invalid config: agent.max_tokens_per_turn must be greater than 0$/),
  );
  assert.throws(
    () => parseRealmConfigToml('[realm.team]\ndefault_binding = "missing"'),
    isInvalidConfig(/^Invalid config: realm.team.default_binding: unknown binding 'missing'$/),
  );
  assert.throws(
    () => parseRealmConfigToml('[retry]\ninitial_delay = "soon"'),
    isInvalidConfig(/retry.initial_delay/),
  );
  assert.throws(
    () => parseRealmConfigToml('[self_hosted.models.x]\nserver = "nope"\nremote_model = "m"'),
    isInvalidConfig(/unknown server 'nope'/),
  );
  assert.throws(
    () => parseRealmConfigToml('[self_hosted.servers.local]\nbase_url = "not a url"'),
    isInvalidConfig(/invalid base_url/),
  );
});

void test('an unreadable config path fails with INVALID_CONFIG', { timeout: 10_000 }, async () => {
  const directory = await mkdtemp(join(tmpdir(), 'rkat-config-'));
  try {
    await assert.rejects(loadRealmConfig(directory), isInvalidConfig(/cannot read/));
    await writeFile(join(directory, 'config.toml'), '[budget]\nmax_tool_calls = -1\n');
    await assert.rejects(loadRealmConfig(join(directory, 'config.toml')), isInvalidConfig(/max_tool_calls/));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
