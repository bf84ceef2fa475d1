import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthBindingRef,
  BudgetLimits,
  checkContract,
  HookRunOverrides,
  PeerMeta,
  SkillRef,
  ToolFilter,
} from '../../src/index.js';

void test('ToolFilter: "All", Allow or Deny lists, nothing else', () => {
  for (const filter of ['All', { Allow: ['read'] }, { Deny: [] }]) {
    assert.equal(checkContract(ToolFilter, filter).ok, true, JSON.stringify(filter));
  }
  for (const filter of ['all', { Allow: 'read' }, { Allow: [], Deny: [] }, {}]) {
    assert.equal(checkContract(ToolFilter, filter).ok, false, JSON.stringify(filter));
  }
});

void test('AuthBindingRef and PeerMeta accept null for unset optional fields (00-decisions §9b)', () => {
  assert.equal(checkContract(AuthBindingRef, { realm: 'r', binding: 'b', profile: null }).ok, true);
  assert.equal(checkContract(AuthBindingRef, { realm: 'r', binding: 'b', profile: 'p' }).ok, true);
  assert.equal(checkContract(AuthBindingRef, { realm: 'r' }).ok, false);
  assert.equal(checkContract(PeerMeta, { description: null, labels: { a: 'b' } }).ok, true);
  assert.equal(checkContract(PeerMeta, { labels: { a: 1 } }).ok, false);
  assert.equal(
    checkContract(BudgetLimits, { max_tokens: null, max_duration: { secs: 5, nanos: 0 } }).ok,
    true,
  );
});

void test('SkillRef is only the structured form with a slug name', () => {
  const ref = {
    kind: 'structured',
    source_uuid: '00000000-0000-4b11-8111-000000000001',
    skill_name: 'mcp-setup',
  };
  assert.equal(checkContract(SkillRef, ref).ok, true);
  assert.equal(checkContract(SkillRef, 'mcp-setup').ok, false);
  assert.equal(checkContract(SkillRef, { ...ref, kind: 'legacy' }).ok, false);
  for (const name of ['-lead', 'trail-', 'dou--ble', 'Upper', 'under_score']) {
    assert.equal(checkContract(SkillRef, { ...ref, skill_name: name }).ok, false, name);
  }
});

void test('HookRunOverrides: every entry field defaults; enums and runtimes are checked', () => {
  assert.equal(checkContract(HookRunOverrides, {}).ok, true);
  const entry = {
    id: 'no-shell',
    enabled: true,
    point: 'pre_tool_execution',
    mode: 'foreground',
    capability: 'guardrail',
    priority: 10,
    failure_policy: 'fail_closed',
    timeout_ms: 2000,
    runtime: { type: 'command', command: 'deny.sh', args: [] },
  };
  assert.equal(checkContract(HookRunOverrides, { entries: [entry], disable: ['old'] }).ok, true);
  const specForm = { ...entry, runtime: { kind: 'http', config: { url: 'http://127.0.0.1:9/h' } } };
  assert.equal(checkContract(HookRunOverrides, { entries: [specForm] }).ok, true);
  assert.equal(checkContract(HookRunOverrides, { entries: [{ point: 'before_everything' }] }).ok, false);
  assert.equal(checkContract(HookRunOverrides, { entries: [{ runtime: { type: 'wasm' } }] }).ok, false);
  assert.equal(checkContract(HookRunOverrides, { entries: [{ mode: 'sometimes' }] }).ok, false);
});
