import type { SessionMessage } from '@rkat/contracts';
import type { InputRecord, SessionRecord, UsageTotals } from '@rkat/core';

/** Usage with every counter at zero. */
export function zeroUsage(): UsageTotals {
  return { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 };
}

/** A fresh session record with every required field; `overrides` replace fields. */
export function sampleRecord(sessionId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    sessionId,
    createdAtMs: 1_700_000_000_000,
    updatedAtMs: 1_700_000_000_000,
    model: 'claude-sonnet-4-5',
    provider: 'anthropic',
    labels: {},
    archived: false,
    pending: false,
    settings: {},
    usage: zeroUsage(),
    messageCount: 0,
    ...overrides,
  };
}

/** An accepted text input. */
export function sampleInput(
  inputId: string,
  sessionId: string,
  acceptedAtMs: number,
  overrides: Partial<InputRecord> = {},
): InputRecord {
  return { inputId, sessionId, content: `prompt ${inputId}`, state: 'accepted', acceptedAtMs, ...overrides };
}

const at = (second: number): string => `2026-01-02T03:04:${String(second).padStart(2, '0')}Z`;

/** A user message. */
export function userMessage(text: string, second = 0): SessionMessage {
  return { role: 'user', content: text, created_at: at(second) };
}

/** An assistant reply with one text block. */
export function assistantText(text: string, second = 1): SessionMessage {
  return {
    role: 'block_assistant',
    blocks: [{ block_type: 'text', data: { text } }],
    stop_reason: 'end_turn',
    created_at: at(second),
  };
}

const PIXEL =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/**
 * One of every `SessionMessage` variant, with the nested shapes a store most easily loses: block
 * `meta` of every provider, images inline and by blob, video, tool calls with nested arguments, tool
 * results with plain and block content, error results, server tool content and unicode text.
 */
export function everyMessageVariant(): SessionMessage[] {
  return [
    { role: 'system', content: 'You are terse.', created_at: at(0) },
    { role: 'system_notice', kind: 'tool_scope_warning', body: 'tool x removed', created_at: at(1) },
    userMessage('plain text with unicode: héllo ✓ 𝄞', 2),
    {
      role: 'user',
      content: [
        { type: 'text', text: 'look at these' },
        { type: 'image', media_type: 'image/png', source: 'inline', data: PIXEL },
        { type: 'image', media_type: 'image/jpeg', source: 'blob', blob_id: `sha256:${'ab'.repeat(32)}` },
        { type: 'video', media_type: 'video/mp4', duration_ms: 1500, source: 'inline', data: 'AAAA' },
      ],
      created_at: at(3),
    },
    {
      role: 'assistant',
      content: 'legacy reply',
      tool_calls: [
        { id: 'call_0', name: 'search', args: { query: 'q', filters: { year: 2024, tags: ['a'] } } },
      ],
      stop_reason: 'tool_use',
      created_at: at(4),
    },
    {
      role: 'block_assistant',
      blocks: [
        {
          block_type: 'reasoning',
          data: { text: 'thinking', meta: { provider: 'anthropic', signature: 'sig==' } },
        },
        {
          block_type: 'reasoning',
          data: { text: '', meta: { provider: 'anthropic_redacted', data: 'opaque' } },
        },
        {
          block_type: 'text',
          data: { text: 'Here goes.', meta: { provider: 'gemini', thoughtSignature: 'ts' } },
        },
        {
          block_type: 'tool_use',
          data: {
            id: 'call_1',
            name: 'read_file',
            args: { path: '/tmp/a.txt', range: [1, 20], options: { follow: true, note: null } },
            meta: { provider: 'open_ai', id: 'fc_1', encrypted_content: 'enc', phase: 'commentary' },
          },
        },
        {
          block_type: 'server_tool_content',
          data: { id: 'srv_1', name: 'web_search', content: { results: [{ url: 'https://example.com' }] } },
        },
        { block_type: 'text', data: { text: 'done', meta: { provider: 'unknown' } } },
        {
          block_type: 'text',
          data: { text: 'compacted', meta: { provider: 'anthropic_compaction', content: 'c' } },
        },
      ],
      stop_reason: 'tool_use',
      created_at: at(5),
    },
    {
      role: 'tool_results',
      results: [
        { tool_use_id: 'call_0', content: 'plain result', is_error: false },
        {
          tool_use_id: 'call_1',
          content: [
            { type: 'text', text: 'file contents' },
            { type: 'image', media_type: 'image/png', source: 'inline', data: PIXEL },
          ],
          is_error: false,
        },
        { tool_use_id: 'call_2', content: 'tool failed: timeout', is_error: true },
      ],
      created_at: at(6),
    },
    assistantText('final answer', 7),
  ];
}
