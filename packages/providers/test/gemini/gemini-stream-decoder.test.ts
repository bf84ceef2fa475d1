import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GeminiStreamDecoder } from '../../src/gemini/gemini-stream-decoder.js';

const frame = (parts: object[], extra: object = {}, candidate: object = {}) => ({
  candidates: [{ content: { role: 'model', parts }, ...candidate }],
  ...extra,
});

void test('thoughts, text and signatures become blocks with gemini meta', () => {
  const warnings = [{ provider: 'gemini' as const, path: '/x', message: 'm' }];
  const decoder = new GeminiStreamDecoder(warnings);
  const deltas = [
    frame([{ text: 'think', thought: true }]),
    frame([{ text: 'Hel' }]),
    frame([{ text: 'lo' }]),
    frame(
      [{ text: '', thoughtSignature: 'SIG' }],
      { usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 3, thoughtsTokenCount: 2 } },
      { finishReason: 'STOP' },
    ),
  ].flatMap((chunk) => decoder.push(chunk));
  assert.deepEqual(deltas, [
    { type: 'reasoning_delta', delta: 'think' },
    { type: 'text_delta', delta: 'Hel' },
    { type: 'text_delta', delta: 'lo' },
  ]);
  assert.deepEqual(decoder.finish(), {
    blocks: [
      { block_type: 'reasoning', data: { text: 'think' } },
      { block_type: 'text', data: { text: 'Hello', meta: { provider: 'gemini', thoughtSignature: 'SIG' } } },
    ],
    stopReason: 'end_turn',
    usage: { input_tokens: 7, output_tokens: 5, cache_creation_tokens: null, cache_read_tokens: null },
    schemaWarnings: warnings,
  });
});

void test('function calls become tool uses (ids kept or generated); STOP with calls is tool_use', () => {
  const decoder = new GeminiStreamDecoder();
  decoder.push(frame([{ functionCall: { name: 'f', args: { a: 1 }, id: 'given' }, thoughtSignature: 'S' }]));
  decoder.push(
    frame(
      [{ functionCall: { name: 'g' } }],
      { usageMetadata: { cachedContentTokenCount: 4 } },
      { finishReason: 'STOP' },
    ),
  );
  const response = decoder.finish();
  assert.equal(response?.stopReason, 'tool_use');
  assert.deepEqual(response?.blocks[0], {
    block_type: 'tool_use',
    data: { id: 'given', name: 'f', args: { a: 1 }, meta: { provider: 'gemini', thoughtSignature: 'S' } },
  });
  const second = response?.blocks[1];
  assert.ok(second?.block_type === 'tool_use' && /^fc_[0-9a-f]{32}$/.test(second.data.id));
  assert.equal(response?.usage.cache_read_tokens, 4);
});

void test('finish reasons map and a missing finish reason means no response', () => {
  const decoder = new GeminiStreamDecoder();
  decoder.push(frame([{ text: 'x' }]));
  assert.equal(decoder.finish(), undefined);
  decoder.push(frame([], {}, { finishReason: 'MAX_TOKENS' }));
  assert.equal(decoder.finish()?.stopReason, 'max_tokens');
  const unsafe = new GeminiStreamDecoder();
  unsafe.push(frame([], {}, { finishReason: 'SAFETY' }));
  assert.equal(unsafe.finish()?.stopReason, 'content_filter');
  const blocked = new GeminiStreamDecoder();
  blocked.push({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } });
  assert.equal(blocked.finish()?.stopReason, 'content_filter');
});
