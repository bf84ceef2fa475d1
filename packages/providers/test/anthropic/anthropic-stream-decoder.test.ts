import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages.js';
import { AnthropicStreamDecoder } from '../../src/anthropic/anthropic-stream-decoder.js';
import { ProviderFailure } from '../../src/shared/provider-failure.js';

const events = (list: unknown[]): RawMessageStreamEvent[] => list as RawMessageStreamEvent[];

const START = {
  type: 'message_start',
  message: {
    usage: { input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 2, cache_read_input_tokens: 3 },
  },
};

void test('decodes thinking, text and tool use with usage and stop reason', () => {
  const decoder = new AnthropicStreamDecoder();
  const out = events([
    START,
    {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    },
    { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'let me ' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'think' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'SIG' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hi' } },
    { type: 'content_block_stop', index: 1 },
    {
      type: 'content_block_start',
      index: 2,
      content_block: { type: 'tool_use', id: 'tu_1', name: 'f', input: {} },
    },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '1}' } },
    { type: 'content_block_stop', index: 2 },
    {
      type: 'message_delta',
      delta: { stop_reason: 'tool_use' },
      usage: {
        output_tokens: 42,
        input_tokens: null,
        cache_creation_input_tokens: null,
        cache_read_input_tokens: null,
      },
    },
  ]).flatMap((event) => decoder.push(event));
  assert.deepEqual(out, [
    { type: 'reasoning_delta', delta: 'let me ' },
    { type: 'reasoning_delta', delta: 'think' },
    { type: 'text_delta', delta: 'Hi' },
  ]);
  assert.equal(decoder.finish(), undefined, 'no message_stop yet');
  decoder.push({ type: 'message_stop' } as RawMessageStreamEvent);
  assert.deepEqual(decoder.finish(), {
    blocks: [
      {
        block_type: 'reasoning',
        data: { text: 'let me think', meta: { provider: 'anthropic', signature: 'SIG' } },
      },
      { block_type: 'text', data: { text: 'Hi' } },
      { block_type: 'tool_use', data: { id: 'tu_1', name: 'f', args: { a: 1 } } },
    ],
    stopReason: 'tool_use',
    usage: { input_tokens: 10, output_tokens: 42, cache_creation_tokens: 2, cache_read_tokens: 3 },
  });
});

void test('stop reasons map to ours and missing cache counts are null', () => {
  const cases: [string, string][] = [
    ['end_turn', 'end_turn'],
    ['max_tokens', 'max_tokens'],
    ['stop_sequence', 'stop_sequence'],
    ['refusal', 'content_filter'],
  ];
  for (const [wire, ours] of cases) {
    const decoder = new AnthropicStreamDecoder();
    for (const event of events([
      { type: 'message_start', message: { usage: { input_tokens: 1, output_tokens: 0 } } },
      { type: 'message_delta', delta: { stop_reason: wire }, usage: { output_tokens: 5 } },
      { type: 'message_stop' },
    ])) {
      decoder.push(event);
    }
    const response = decoder.finish();
    assert.equal(response?.stopReason, ours);
    assert.deepEqual(response?.usage, {
      input_tokens: 1,
      output_tokens: 5,
      cache_creation_tokens: null,
      cache_read_tokens: null,
    });
  }
});

void test('tool arguments that are not a JSON object fail as invalid_response', () => {
  const decoder = new AnthropicStreamDecoder();
  for (const event of events([
    START,
    {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: 't', name: 'f', input: {} },
    },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '[1,' } },
  ])) {
    decoder.push(event);
  }
  assert.throws(
    () => decoder.push({ type: 'content_block_stop', index: 0 } as RawMessageStreamEvent),
    (error: unknown) => error instanceof ProviderFailure && error.failure.kind === 'invalid_response',
  );
});

void test('R24 provider-wire-quirks: message_stop without a message_delta stop reason is no response', () => {
  for (const content of [
    [],
    [{ type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'Hi' } }],
  ]) {
    const decoder = new AnthropicStreamDecoder();
    for (const event of events([
      { type: 'message_start', message: { usage: { input_tokens: 1, output_tokens: 0 } } },
      ...content,
      { type: 'message_stop' },
    ])) {
      decoder.push(event);
    }
    assert.equal(decoder.finish(), undefined, `${content.length} content events, then message_stop alone`);
  }
});
