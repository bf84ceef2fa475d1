import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatStreamDecoder } from '../../src/chat-completions/chat-stream-decoder.js';

const choice = (delta: object, finish: string | null = null) => ({
  choices: [{ index: 0, delta, finish_reason: finish }],
});

void test('assembles tool calls from index-keyed deltas; usage after finish_reason', () => {
  const decoder = new ChatStreamDecoder();
  const deltas = [
    choice({ role: 'assistant', content: '' }),
    choice({ reasoning_content: 'hmm' }),
    choice({ content: 'Checking' }),
    choice({
      tool_calls: [{ index: 1, id: 'b', type: 'function', function: { name: 'g', arguments: '{"y"' } }],
    }),
    choice({ tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '' } }] }),
    choice({ tool_calls: [{ index: 1, function: { arguments: ':2}' } }] }),
    choice({}, 'tool_calls'),
  ].flatMap((chunk) => decoder.push(chunk));
  assert.deepEqual(deltas, [
    { type: 'reasoning_delta', delta: 'hmm' },
    { type: 'text_delta', delta: 'Checking' },
  ]);
  decoder.push({
    choices: [],
    usage: { prompt_tokens: 9, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 2 } },
  });
  assert.deepEqual(decoder.finish(), {
    blocks: [
      { block_type: 'reasoning', data: { text: 'hmm' } },
      { block_type: 'text', data: { text: 'Checking' } },
      { block_type: 'tool_use', data: { id: 'a', name: 'f', args: {} } },
      { block_type: 'tool_use', data: { id: 'b', name: 'g', args: { y: 2 } } },
    ],
    stopReason: 'tool_use',
    usage: { input_tokens: 9, output_tokens: 4, cache_creation_tokens: null, cache_read_tokens: 2 },
  });
});

void test('finish reasons map; Ollama `reasoning` deltas count; no finish_reason means no response', () => {
  const decoder = new ChatStreamDecoder();
  assert.deepEqual(decoder.push(choice({ reasoning: 'r' })), [{ type: 'reasoning_delta', delta: 'r' }]);
  assert.equal(decoder.finish(), undefined);
  assert.equal(decoder.hasContent, true);
  decoder.push(choice({ content: 'x' }, 'length'));
  const response = decoder.finish();
  assert.equal(response?.stopReason, 'max_tokens');
  assert.deepEqual(response?.usage, {
    input_tokens: 0,
    output_tokens: 0,
    cache_creation_tokens: null,
    cache_read_tokens: null,
  });
  const filtered = new ChatStreamDecoder();
  filtered.push(choice({}, 'content_filter'));
  assert.equal(filtered.finish()?.stopReason, 'content_filter');
});

void test('tool calls without ids get generated ids', () => {
  const decoder = new ChatStreamDecoder();
  decoder.push(
    choice({ tool_calls: [{ index: 0, function: { name: 'f', arguments: '{}' } }] }, 'tool_calls'),
  );
  const block = decoder.finish()?.blocks[0];
  assert.equal(block?.block_type, 'tool_use');
  assert.match(block?.block_type === 'tool_use' ? block.data.id : '', /^call_[0-9a-f]{32}$/);
});
