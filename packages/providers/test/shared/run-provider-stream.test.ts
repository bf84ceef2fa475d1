import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LlmError, type LlmStreamEvent } from '@rkat/core';
import { ProviderFailure } from '../../src/shared/provider-failure.js';
import { runProviderStream, type ProviderStreamCall } from '../../src/shared/run-provider-stream.js';
import type { StreamDecoder } from '../../src/shared/stream-decoder.js';

/** A decoder over string chunks: each chunk is text; the chunk `END` is the terminal event. */
class TextDecoder implements StreamDecoder<string> {
  private text = '';
  private ended = false;
  get hasContent(): boolean {
    return this.text !== '';
  }
  push(chunk: string): LlmStreamEvent[] {
    if (chunk === 'END') {
      this.ended = true;
      return [];
    }
    if (chunk === 'FAIL') throw new ProviderFailure({ errorType: 'overloaded_error', message: 'busy' });
    this.text += chunk;
    return [{ type: 'text_delta', delta: chunk }];
  }
  finish() {
    if (!this.ended) return undefined;
    return {
      blocks: [{ block_type: 'text' as const, data: { text: this.text } }],
      stopReason: 'end_turn' as const,
      usage: { input_tokens: 1, output_tokens: 1, cache_creation_tokens: null, cache_read_tokens: null },
    };
  }
}

function call(
  source: (signal: AbortSignal) => AsyncIterable<string>,
  overrides: Partial<ProviderStreamCall<string>> = {},
): ProviderStreamCall<string> {
  return {
    provider: 'anthropic',
    model: 'm',
    secrets: ['secret-key'],
    signal: new AbortController().signal,
    decoder: new TextDecoder(),
    readSdkError: () => undefined,
    open: (signal) => Promise.resolve(source(signal)),
    ...overrides,
  };
}

async function drain(events: AsyncIterable<LlmStreamEvent>): Promise<LlmStreamEvent[]> {
  const seen: LlmStreamEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

async function* chunks(...values: string[]): AsyncGenerator<string> {
  for (const value of values) yield value;
}

const kindOf = (kind: string) => (error: unknown) => error instanceof LlmError && error.kind === kind;

void test('deltas then exactly one response', async () => {
  const events = await drain(runProviderStream(call(() => chunks('a', 'b', 'END'))));
  assert.deepEqual(
    events.map((event) => event.type),
    ['text_delta', 'text_delta', 'response'],
  );
});

void test('a stream that ends without its terminal event: network after content, invalid_response before', async () => {
  await assert.rejects(drain(runProviderStream(call(() => chunks('a')))), kindOf('network'));
  await assert.rejects(drain(runProviderStream(call(() => chunks()))), kindOf('invalid_response'));
});

void test('thrown values are mapped: transport → network, garbage → invalid_response, failures by type', async () => {
  const throwing = (error: unknown) => () =>
    (async function* () {
      yield 'a';
      throw error;
    })();
  await assert.rejects(
    drain(
      runProviderStream(
        call(throwing(new TypeError('terminated', { cause: new Error('other side closed') }))),
      ),
    ),
    kindOf('network'),
  );
  await assert.rejects(
    drain(runProviderStream(call(throwing(new SyntaxError('Unexpected token'))))),
    kindOf('invalid_response'),
  );
  await assert.rejects(drain(runProviderStream(call(() => chunks('a', 'FAIL')))), kindOf('overloaded'));
  const own = new LlmError('own', { kind: 'auth', provider: 'anthropic' });
  await assert.rejects(drain(runProviderStream(call(throwing(own)))), (error: unknown) => error === own);
  await assert.rejects(
    drain(runProviderStream(call(throwing(new Error('leaked secret-key'))))),
    (error: unknown) => error instanceof LlmError && !error.message.includes('secret-key'),
  );
});

void test('leaving the stream early aborts the request and closes the source', async () => {
  let closed = false;
  let aborted = false;
  const source = (signal: AbortSignal) =>
    (async function* () {
      signal.addEventListener('abort', () => (aborted = true));
      try {
        yield 'a';
        yield 'b';
      } finally {
        closed = true;
      }
    })();
  for await (const event of runProviderStream(call(source))) {
    assert.equal(event.type, 'text_delta');
    break;
  }
  assert.equal(aborted, true);
  assert.equal(closed, true);
});

void test('a source that ends quietly on abort is cancelled, not a short answer', async () => {
  const controller = new AbortController();
  const source = () =>
    (async function* () {
      yield 'a';
      controller.abort();
    })();
  await assert.rejects(
    drain(runProviderStream(call(source, { signal: controller.signal }))),
    kindOf('cancelled'),
  );
});
