import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkContract,
  SessionMessage,
  WireSessionMessage,
  type SessionMessage as Message,
} from '../../src/index.js';

const at = '2026-01-02T03:04:05Z';
const image = {
  image_id: 'img1',
  blob_ref: { blob_id: `sha256:${'b'.repeat(64)}`, media_type: 'image/png' },
  media_type: 'image/png',
  width: 8,
  height: 8,
  revised_prompt: { disposition: 'revised', text: 'a cat', source: 'provider' },
  meta: { provider: 'openai', id: 'ig_1' },
};

const variants: Message[] = [
  { role: 'system', content: 'You are helpful.', created_at: at },
  { role: 'system_notice', kind: 'mcp_pending', body: 'server connecting', created_at: at },
  { role: 'user', content: 'hi', created_at: at },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'look' },
      { type: 'image', media_type: 'image/png', source: 'blob', blob_id: `sha256:${'c'.repeat(64)}` },
      { type: 'video', media_type: 'video/mp4', duration_ms: 1000, source: 'inline', data: 'AAAA' },
    ],
    created_at: at,
  },
  {
    role: 'assistant',
    content: 'calling',
    tool_calls: [{ id: 't1', name: 'read', args: { path: '/x' } }],
    stop_reason: 'tool_use',
    created_at: at,
  },
  {
    role: 'block_assistant',
    blocks: [
      { block_type: 'reasoning', data: { text: 'hmm', meta: { provider: 'anthropic', signature: 'sig' } } },
      { block_type: 'text', data: { text: 'hello', meta: { provider: 'gemini', thoughtSignature: 'ts' } } },
      { block_type: 'transcript', data: { text: 'spoken words', source: { kind: 'spoken' } } },
      {
        block_type: 'tool_use',
        data: { id: 't1', name: 'read', args: {}, meta: { provider: 'open_ai', id: 'fc_1', phase: 'final' } },
      },
      { block_type: 'server_tool_content', data: { name: 'web_search', content: { results: [] } } },
      { block_type: 'image', data: image },
    ],
    stop_reason: 'end_turn',
    created_at: at,
  },
  {
    role: 'tool_results',
    results: [
      { tool_use_id: 't1', content: 'file text', is_error: false },
      { tool_use_id: 't2', content: [{ type: 'text', text: 'denied' }], is_error: true },
    ],
    created_at: at,
  },
];

void test('every message role of 01 §6.4 passes, with every assistant block type', () => {
  for (const message of variants) {
    const result = checkContract(SessionMessage, message);
    assert.equal(result.ok, true, `${message.role}: ${JSON.stringify(result)}`);
  }
  assert.equal(WireSessionMessage, SessionMessage);
});

void test('wrong messages fail', () => {
  assert.equal(checkContract(SessionMessage, { role: 'robot', content: 'x', created_at: at }).ok, false);
  assert.equal(
    checkContract(SessionMessage, { role: 'user', content: 'x' }).ok,
    false,
    'created_at required',
  );
  assert.equal(
    checkContract(SessionMessage, { role: 'system_notice', kind: 'weather', body: 'x', created_at: at }).ok,
    false,
  );
  const unknownStop = { role: 'block_assistant', blocks: [], stop_reason: 'finished', created_at: at };
  assert.equal(checkContract(SessionMessage, unknownStop).ok, false);
  const { blob_ref: _blob, ...imageWithoutBlob } = image;
  const badImage = {
    role: 'block_assistant',
    blocks: [{ block_type: 'image', data: imageWithoutBlob }],
    stop_reason: 'end_turn',
    created_at: at,
  };
  assert.equal(checkContract(SessionMessage, badImage).ok, false, 'Python reads data.blob_ref.blob_id');
  const badMeta = {
    role: 'block_assistant',
    blocks: [{ block_type: 'text', data: { text: 'x', meta: { provider: 'anthropic' } } }],
    stop_reason: 'end_turn',
    created_at: at,
  };
  assert.equal(checkContract(SessionMessage, badMeta).ok, false, 'anthropic meta needs a signature');
});
