import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkContract,
  SessionHistoryResult,
  SessionListResult,
  WireSessionInfo,
  WireSessionSummary,
} from '../../src/index.js';

const id = '01950000-0000-7000-8000-000000000001';
const summary = {
  session_id: id,
  session_ref: `realm-a:${id}`,
  created_at: 1_700_000_000,
  updated_at: 1_700_000_100,
  message_count: 4,
  total_tokens: 1200,
  is_active: false,
};

void test('WireSessionSummary: labels optional, unix-second integers, totals required', () => {
  assert.equal(checkContract(WireSessionSummary, summary).ok, true);
  assert.equal(checkContract(WireSessionSummary, { ...summary, labels: { team: 'a' } }).ok, true);
  assert.equal(checkContract(WireSessionSummary, { ...summary, created_at: '2026-01-01' }).ok, false);
  const { total_tokens: _total, ...noTotal } = summary;
  assert.equal(checkContract(WireSessionSummary, noTotal).ok, false);
  assert.equal(checkContract(SessionListResult, { sessions: [summary] }).ok, true);
});

void test('WireSessionInfo: provider may be other; capabilities are complete when present', () => {
  const { total_tokens: _total, ...base } = summary;
  const info = { ...base, model: 'my-model', provider: 'other' };
  assert.equal(checkContract(WireSessionInfo, info).ok, true);
  const capabilities = {
    vision: true,
    image_input: true,
    image_tool_results: true,
    inline_video: false,
    realtime: false,
    web_search: true,
    image_generation: false,
  };
  const full = {
    ...info,
    provider: 'anthropic',
    last_assistant_text: 'hi',
    resolved_capabilities: capabilities,
  };
  assert.equal(checkContract(WireSessionInfo, full).ok, true);
  const { web_search: _web, ...partial } = capabilities;
  assert.equal(checkContract(WireSessionInfo, { ...full, resolved_capabilities: partial }).ok, false);
  assert.equal(checkContract(WireSessionInfo, { ...info, provider: 'open_a_i' }).ok, false);
});

void test('SessionHistoryResult: limit optional, messages typed', () => {
  const page = { session_id: id, message_count: 10, offset: 2, has_more: true, messages: [] };
  assert.equal(checkContract(SessionHistoryResult, page).ok, true);
  const message = { role: 'user', content: 'hi', created_at: '2026-01-01T00:00:00Z' };
  assert.equal(checkContract(SessionHistoryResult, { ...page, limit: 1, messages: [message] }).ok, true);
  assert.equal(checkContract(SessionHistoryResult, { ...page, messages: [{ role: 'user' }] }).ok, false);
  const { has_more: _more, ...noMore } = page;
  assert.equal(checkContract(SessionHistoryResult, noMore).ok, false);
});
