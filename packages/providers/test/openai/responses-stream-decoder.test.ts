import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponsesStreamDecoder } from '../../src/openai/responses-stream-decoder.js';
import { ProviderFailure } from '../../src/shared/provider-failure.js';

const USAGE = { input_tokens: 20, output_tokens: 8, input_tokens_details: { cached_tokens: 5 } };

void test('decodes reasoning, text and function calls in output order', () => {
  const decoder = new ResponsesStreamDecoder();
  const deltas = [
    { type: 'response.created', response: {} },
    { type: 'response.reasoning_summary_text.delta', delta: 'think' },
    { type: 'response.output_text.delta', delta: 'Hel' },
    { type: 'response.output_text.delta', delta: 'lo' },
    {
      type: 'response.output_item.done',
      output_index: 1,
      item: { type: 'message', id: 'msg_1', content: [{ type: 'output_text', text: 'Hello' }] },
    },
    {
      type: 'response.output_item.done',
      output_index: 0,
      item: {
        type: 'reasoning',
        id: 'rs_1',
        summary: [{ type: 'summary_text', text: 'think' }],
        encrypted_content: 'E',
      },
    },
    {
      type: 'response.output_item.done',
      output_index: 2,
      item: { type: 'function_call', id: 'fc_1', call_id: 'call_9', name: 'f', arguments: '{"x":true}' },
    },
  ].flatMap((event) => decoder.push(event));
  assert.deepEqual(deltas, [
    { type: 'reasoning_delta', delta: 'think' },
    { type: 'text_delta', delta: 'Hel' },
    { type: 'text_delta', delta: 'lo' },
  ]);
  assert.equal(decoder.finish(), undefined);
  decoder.push({ type: 'response.completed', response: { status: 'completed', usage: USAGE } });
  assert.deepEqual(decoder.finish(), {
    blocks: [
      {
        block_type: 'reasoning',
        data: { text: 'think', meta: { provider: 'open_ai', id: 'rs_1', encrypted_content: 'E' } },
      },
      { block_type: 'text', data: { text: 'Hello' } },
      { block_type: 'tool_use', data: { id: 'call_9', name: 'f', args: { x: true } } },
    ],
    stopReason: 'tool_use',
    usage: { input_tokens: 20, output_tokens: 8, cache_creation_tokens: null, cache_read_tokens: 5 },
  });
});

void test('incomplete responses map to max_tokens / content_filter; output falls back to response.output', () => {
  const decoder = new ResponsesStreamDecoder();
  decoder.push({
    type: 'response.incomplete',
    response: {
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ type: 'message', content: [{ type: 'output_text', text: 'cut' }] }],
    },
  });
  const response = decoder.finish();
  assert.equal(response?.stopReason, 'max_tokens');
  assert.deepEqual(response?.blocks, [{ block_type: 'text', data: { text: 'cut' } }]);
  assert.deepEqual(response?.usage, {
    input_tokens: 0,
    output_tokens: 0,
    cache_creation_tokens: null,
    cache_read_tokens: null,
  });

  const filtered = new ResponsesStreamDecoder();
  filtered.push({
    type: 'response.incomplete',
    response: { incomplete_details: { reason: 'content_filter' } },
  });
  assert.equal(filtered.finish()?.stopReason, 'content_filter');
});

void test('error and response.failed events throw provider failures', () => {
  assert.throws(
    () => new ResponsesStreamDecoder().push({ type: 'error', code: 'server_error', message: 'overloaded' }),
    (error: unknown) =>
      error instanceof ProviderFailure &&
      error.failure.errorType === 'server_error' &&
      error.failure.message === 'overloaded',
  );
  assert.throws(
    () =>
      new ResponsesStreamDecoder().push({
        type: 'response.failed',
        response: { error: { code: 'rate_limit_exceeded', message: 'slow' } },
      }),
    (error: unknown) => error instanceof ProviderFailure && error.failure.errorType === 'rate_limit_exceeded',
  );
});
