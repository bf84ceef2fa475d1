import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MAX_TOKENS, DEFAULT_MODEL, withConfigDefaults } from '../../src/index.js';

void test('an empty config gets every documented default (01 §10)', () => {
  const config = withConfigDefaults({});
  assert.deepEqual(Object.keys(config), [
    'agent',
    'storage',
    'budget',
    'retry',
    'tools',
    'models',
    'max_tokens',
    'shell',
    'store',
    'comms',
    'compaction',
    'limits',
    'rest',
    'hooks',
    'skills',
    'self_hosted',
    'provider_tools',
  ]);
  assert.deepEqual(config.agent, {
    model: DEFAULT_MODEL,
    max_tokens_per_turn: DEFAULT_MAX_TOKENS,
    budget_warning_threshold: 0.8,
    structured_output_retries: 2,
  });
  assert.equal(config.max_tokens, 16384);
  assert.deepEqual(config.retry, { max_retries: 3, initial_delay: '500ms', max_delay: '30s', multiplier: 2 });
  assert.deepEqual(config.tools, {
    mcp_servers: [],
    default_timeout: '10m',
    tool_timeouts: {},
    max_concurrent: 10,
    builtins_enabled: false,
    shell_enabled: false,
    comms_enabled: false,
    mob_enabled: false,
  });
  assert.deepEqual(config.shell, {
    program: 'nu',
    timeout_secs: 30,
    security_mode: 'unrestricted',
    security_patterns: [],
  });
  assert.deepEqual(config.compaction, {
    auto_compact_threshold: 100000,
    recent_turn_budget: 4,
    max_summary_tokens: 4096,
    min_turns_between_compactions: 3,
  });
  assert.deepEqual(config.rest, { host: '127.0.0.1', port: 8080 });
  assert.deepEqual(config.hooks, {
    default_timeout_ms: 5000,
    payload_max_bytes: 131072,
    background_max_concurrency: 32,
    entries: [],
  });
  const skills = config.skills as Record<string, unknown>;
  assert.equal(skills.enabled, true);
  assert.equal(skills.max_injection_bytes, 32768);
  assert.equal(skills.inventory_threshold, 12);
  assert.deepEqual(config.self_hosted, { servers: {}, models: {} });
  assert.deepEqual(config.provider_tools, {
    anthropic: { web_search: true },
    openai: { web_search: true },
    gemini: { google_search: true },
  });
  const models = config.models as Record<string, unknown>;
  for (const provider of ['anthropic', 'openai', 'gemini']) assert.equal(typeof models[provider], 'string');
  assert.equal('realm' in config, false, 'realm is omitted when empty');
});

void test('file values win, nested defaults fill around them, unknown keys are kept', () => {
  const config = withConfigDefaults({
    agent: { model: 'gpt-5.5', custom: 1 },
    tools: { max_concurrent: 2 },
    realm: {},
    future_section: { x: [1] },
  });
  const agent = config.agent as Record<string, unknown>;
  assert.equal(agent.model, 'gpt-5.5');
  assert.equal(agent.custom, 1);
  assert.equal(agent.structured_output_retries, 2);
  assert.equal((config.tools as Record<string, unknown>).max_concurrent, 2);
  assert.equal((config.tools as Record<string, unknown>).default_timeout, '10m');
  assert.deepEqual(config.future_section, { x: [1] });
  assert.equal('realm' in config, false);
  assert.deepEqual(withConfigDefaults(config), config, 'idempotent');
  assert.equal(withConfigDefaults({ agent: { max_tokens_per_turn: 777 } }).max_tokens, 777);
});
