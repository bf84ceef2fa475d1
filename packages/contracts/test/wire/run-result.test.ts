import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkContract, OutputSchemaWrapper, WireRunResult } from '../../src/index.js';

const minimal = {
  session_id: '01950000-0000-7000-8000-000000000001',
  text: 'done',
  turns: 1,
  tool_calls: 0,
  usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
};

const full = {
  ...minimal,
  session_ref: 'realm-a:01950000-0000-7000-8000-000000000001',
  usage: { ...minimal.usage, cache_creation_tokens: 3, cache_read_tokens: 4 },
  terminal_cause_kind: 'budget_exhausted',
  structured_output: { answer: 42 },
  extraction_error: { last_output: '{', attempts: 3, reason: 'invalid JSON' },
  schema_warnings: [{ provider: 'openai', path: '/properties/x', message: 'ignored' }],
  skill_diagnostics: {
    source_health: {
      state: 'degraded',
      invalid_ratio: 0.25,
      invalid_count: 1,
      total_count: 4,
      failure_streak: 0,
      handshake_failed: false,
    },
    quarantined: [
      {
        key: { source_uuid: '00000000-0000-4b11-8111-000000000002', skill_name: 'broken-skill' },
        location: '/p/.rkat/skills/broken-skill/SKILL.md',
        error_code: 'parse',
        error_class: 'invalid',
        message: 'bad front matter',
        first_seen_unix_secs: 1,
        last_seen_unix_secs: 2,
      },
    ],
  },
};

void test('a WireRunResult without optional fields passes', () => {
  assert.equal(checkContract(WireRunResult, minimal).ok, true);
});

void test('a WireRunResult with every optional field passes', () => {
  assert.equal(checkContract(WireRunResult, full).ok, true);
});

void test('the fields the SDKs require are required', () => {
  for (const field of ['session_id', 'text', 'turns', 'tool_calls', 'usage'] as const) {
    const { [field]: _dropped, ...rest } = minimal;
    assert.equal(checkContract(WireRunResult, rest).ok, false, field);
  }
  assert.equal(checkContract(WireRunResult, { ...minimal, turns: '1' }).ok, false);
  const usage = { input_tokens: 1, output_tokens: 1 };
  assert.equal(checkContract(WireRunResult, { ...minimal, usage }).ok, false, 'total_tokens is required');
});

void test('wrong optional shapes fail: open_a_i provider, unknown cause, malformed diagnostics', () => {
  const warning = { provider: 'open_a_i', path: '/', message: 'm' };
  assert.equal(checkContract(WireRunResult, { ...minimal, schema_warnings: [warning] }).ok, false);
  assert.equal(checkContract(WireRunResult, { ...minimal, terminal_cause_kind: 'oops' }).ok, false);
  assert.equal(
    checkContract(WireRunResult, { ...minimal, skill_diagnostics: { quarantined: [] } }).ok,
    false,
  );
});

void test('OutputSchemaWrapper: schema required, only the wrapper keys', () => {
  const wrapper = {
    schema: { type: 'object' },
    name: 'answer',
    strict: true,
    compat: 'lossy',
    format: 'meerkat_v1',
  };
  assert.equal(checkContract(OutputSchemaWrapper, wrapper).ok, true);
  assert.equal(checkContract(OutputSchemaWrapper, { schema: { type: 'object' } }).ok, true);
  assert.equal(checkContract(OutputSchemaWrapper, { name: 'answer' }).ok, false);
  assert.equal(checkContract(OutputSchemaWrapper, { schema: {}, compat: 'loose' }).ok, false);
  assert.equal(checkContract(OutputSchemaWrapper, { schema: {}, type: 'object' }).ok, false);
});
