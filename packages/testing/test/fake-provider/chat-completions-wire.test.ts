import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { fakeScript, startFakeProvider, type FakeProvider } from '../../src/fake-provider/index.js';
import { collect, collectUntilError } from './helpers.js';

const OPTIONS = { timeout: 15_000 };

function contentDeltas(chunks: readonly ChatCompletionChunk[]): string[] {
  return chunks.flatMap((chunk) => {
    const content = chunk.choices[0]?.delta.content;
    return typeof content === 'string' && content !== '' ? [content] : [];
  });
}

void describe('fake provider: Chat Completions through the openai SDK', () => {
  let fake: FakeProvider;
  let client: OpenAI;
  before(async () => {
    fake = await startFakeProvider();
    client = new OpenAI({ apiKey: 'fake-key-openai', baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  beforeEach(() => fake.reset());
  after(() => fake.close());

  const ask = (messages: ChatCompletionMessageParam[], signal?: AbortSignal) =>
    client.chat.completions.create(
      { model: 'llama-fake', messages, stream: true, stream_options: { include_usage: true } },
      { signal },
    );
  const user = (content: string): ChatCompletionMessageParam[] => [{ role: 'user', content }];

  void test('streams content, a finish reason and a usage chunk', OPTIONS, async () => {
    const script = fakeScript([{ text: 'Hello there', usage: { input: 9, output: 3, cache_read: 2 } }]);
    const chunks = await collect(await ask(user(script)));
    assert.deepEqual(contentDeltas(chunks), ['Hell', 'o th', 'ere']);
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason, 'stop');
    const usage = chunks.at(-1)?.usage;
    assert.deepEqual(usage, {
      prompt_tokens: 11,
      completion_tokens: 3,
      total_tokens: 14,
      prompt_tokens_details: { cached_tokens: 2 },
    });
  });

  void test(
    'reasoning_content and parallel tool calls accumulate in the SDK stream helper',
    OPTIONS,
    async () => {
      const script = fakeScript([
        {
          reasoning: 'two lookups',
          tools: [
            { name: 'lookup', args: { q: 'alpha' } },
            { name: 'lookup', args: { q: 'beta' }, id: 'custom_id' },
          ],
        },
      ]);
      const stream = client.chat.completions.stream({ model: 'llama-fake', messages: user(script) });
      const reasoning: string[] = [];
      stream.on('chunk', (chunk) => {
        const delta = chunk.choices[0]?.delta as { reasoning_content?: string } | undefined;
        if (delta?.reasoning_content !== undefined) reasoning.push(delta.reasoning_content);
      });
      const completion = await stream.finalChatCompletion();
      const choice = completion.choices[0];
      assert.equal(choice?.finish_reason, 'tool_calls');
      assert.equal(reasoning.join(''), 'two lookups');
      const calls = (choice?.message.tool_calls ?? []).map((call) =>
        call.type === 'function' ? [call.id, call.function.name, JSON.parse(call.function.arguments)] : [],
      );
      assert.deepEqual(calls, [
        ['call_0_0', 'lookup', { q: 'alpha' }],
        ['custom_id', 'lookup', { q: 'beta' }],
      ]);
      assert.equal(completion.usage, undefined, 'no usage chunk unless stream_options.include_usage');
    },
  );

  void test('picks the step after a tool round and accepts requests without auth', OPTIONS, async () => {
    const script = fakeScript([{ tools: [{ name: 'lookup' }] }, { text: 'second', stop: 'max_tokens' }]);
    const body = JSON.stringify({
      model: 'llama-fake',
      stream: true,
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: script }] },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_0_0', type: 'function', function: { name: 'lookup', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_0_0', content: 'found' },
      ],
    });
    const response = await fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', body });
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.match(text, /"content":"seco"/);
    assert.match(text, /"finish_reason":"length"/);
    assert.ok(text.endsWith('data: [DONE]\n\n'));
    assert.equal(fake.requests[0]?.step, 1);
  });

  void test('a scripted 503 carries retry-after', OPTIONS, async () => {
    const error = await ask(user(fakeScript([{ error: { status: 503, retry_after: 2 } }]))).catch(
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof OpenAI.APIError);
    assert.equal(error.status, 503);
    assert.equal(error.headers?.get('retry-after'), '2');
  });

  void test('an error with times fails that many attempts, then streams', OPTIONS, async () => {
    const script = fakeScript([{ error: { status: 429, times: 2 }, text: 'ok' }]);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await ask(user(script)).catch((caught: unknown) => caught);
      assert.ok(error instanceof OpenAI.RateLimitError);
    }
    assert.equal(contentDeltas(await collect(await ask(user(script)))).join(''), 'ok');
  });

  void test('cut_after rejects the iteration after the first chunks', OPTIONS, async () => {
    const { items, error } = await collectUntilError(
      await ask(user(fakeScript([{ text: 'abcdefgh', cut_after: 1 }]))),
    );
    assert.ok(error instanceof Error);
    assert.deepEqual(contentDeltas(items), ['abcd']);
  });

  void test('error_event_after makes the SDK throw an APIError mid-stream', OPTIONS, async () => {
    const { items, error } = await collectUntilError(
      await ask(user(fakeScript([{ text: 'abcdefgh', error_event_after: 1 }]))),
    );
    assert.ok(error instanceof OpenAI.APIError);
    assert.match(error.message, /overloaded/);
    assert.deepEqual(contentDeltas(items), ['abcd']);
  });

  void test('stall_after keeps the connection open until the caller aborts', OPTIONS, async () => {
    const controller = new AbortController();
    const stream = await ask(user(fakeScript([{ text: 'abcdefgh', stall_after: 1 }])), controller.signal);
    const deltas: string[] = [];
    try {
      for await (const chunk of stream) {
        deltas.push(...contentDeltas([chunk]));
        if (deltas.length > 0) controller.abort();
      }
    } catch (error) {
      assert.ok(error instanceof OpenAI.APIUserAbortError);
    }
    assert.deepEqual(deltas, ['abcd']);
  });
});
