import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { fakeScript, startFakeProvider, type FakeProvider } from '../../src/fake-provider/index.js';
import { collect, collectUntilError, post } from './helpers.js';

const OPTIONS = { timeout: 15_000 };

void describe('fake provider: Anthropic Messages through @anthropic-ai/sdk', () => {
  let fake: FakeProvider;
  let client: Anthropic;
  before(async () => {
    fake = await startFakeProvider();
    client = new Anthropic({ apiKey: 'fake-key-anthropic', baseURL: fake.url, maxRetries: 0 });
  });
  beforeEach(() => fake.reset());
  after(() => fake.close());

  const ask = (content: string, signal?: AbortSignal) =>
    client.messages.create(
      { model: 'claude-fake', max_tokens: 256, stream: true, messages: [{ role: 'user', content }] },
      { signal },
    );

  void test('streams text in chunks and reports usage and stop reason', OPTIONS, async () => {
    const events = await collect(await ask(fakeScript([{ text: 'Hello from the fake', chunk: 5 }])));
    const deltas = events.flatMap((event) =>
      event.type === 'content_block_delta' && event.delta.type === 'text_delta' ? [event.delta.text] : [],
    );
    assert.deepEqual(deltas, ['Hello', ' from', ' the ', 'fake']);
    const messageDelta = events.find((event) => event.type === 'message_delta');
    assert.equal(messageDelta?.delta.stop_reason, 'end_turn');
    assert.equal(messageDelta?.usage.output_tokens, 5);
    assert.equal(events.at(-1)?.type, 'message_stop');
    assert.equal(fake.requests[0]?.format, 'anthropic');
    assert.equal(fake.requests[0]?.status, 200);
  });

  void test('a tool call with reasoning accumulates into a complete message', OPTIONS, async () => {
    const script = fakeScript([
      {
        reasoning: 'The user wants weather.',
        text: 'Checking.',
        tools: [{ name: 'get_weather', args: { city: 'Paris', days: 3 } }],
        usage: { input: 40, output: 12, cache_read: 7, cache_creation: 3 },
      },
    ]);
    const stream = client.messages.stream({
      model: 'claude-fake',
      max_tokens: 256,
      messages: [{ role: 'user', content: script }],
    });
    const inputDeltas: string[] = [];
    stream.on('inputJson', (partial) => inputDeltas.push(partial));
    const message = await stream.finalMessage();
    assert.equal(message.stop_reason, 'tool_use');
    assert.deepEqual(
      message.content.map((block) => block.type),
      ['thinking', 'text', 'tool_use'],
    );
    const [thinking, text, toolUse] = message.content;
    assert.ok(thinking?.type === 'thinking' && thinking.thinking === 'The user wants weather.');
    assert.ok(thinking.signature.length > 0);
    assert.ok(text?.type === 'text' && text.text === 'Checking.');
    assert.ok(toolUse?.type === 'tool_use');
    assert.equal(toolUse.id, 'call_0_0');
    assert.equal(toolUse.name, 'get_weather');
    assert.deepEqual(toolUse.input, { city: 'Paris', days: 3 });
    assert.ok(inputDeltas.length > 1, 'arguments arrive in several input_json_delta pieces');
    assert.equal(message.usage.input_tokens, 40);
    assert.equal(message.usage.output_tokens, 12);
    assert.equal(message.usage.cache_read_input_tokens, 7);
    assert.equal(message.usage.cache_creation_input_tokens, 3);
  });

  const final = (messages: Anthropic.MessageParam[]) =>
    client.messages.stream({ model: 'claude-fake', max_tokens: 64, messages }).finalMessage();

  void test(
    'picks the step from the assistant turns after the script, then answers done',
    OPTIONS,
    async () => {
      const script = fakeScript([
        { tools: [{ name: 'lookup', args: { q: 'x' }, id: 'toolu_1' }] },
        { text: 'second' },
      ]);
      const first = await final([{ role: 'user', content: script }]);
      assert.equal(first.content[0]?.type, 'tool_use');
      const history: Anthropic.MessageParam[] = [
        { role: 'user', content: script },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'x' } }],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'found' }] },
      ];
      const second = await final(history);
      assert.deepEqual(second.content, [{ type: 'text', text: 'second' }]);
      const third = await final([
        ...history,
        { role: 'assistant', content: 'second' },
        { role: 'user', content: 'more' },
      ]);
      assert.deepEqual(third.content, [{ type: 'text', text: 'done' }]);
      assert.deepEqual(
        fake.requests.map((request) => [request.step, request.attempt]),
        [
          [0, 1],
          [1, 1],
          [2, 1],
        ],
      );
    },
  );

  void test('without a script it echoes the last user text', OPTIONS, async () => {
    const message = await final([{ role: 'user', content: [{ type: 'text', text: 'ping?' }] }]);
    assert.deepEqual(message.content, [{ type: 'text', text: 'echo: ping?' }]);
  });

  void test('a scripted 429 carries retry-after and the Anthropic error body', OPTIONS, async () => {
    const error = await ask(fakeScript([{ error: { status: 429, retry_after: 7 } }])).catch(
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof Anthropic.RateLimitError);
    assert.equal(error.headers?.get('retry-after'), '7');
    assert.equal(error.type, 'rate_limit_error');
    assert.equal(fake.requests[0]?.status, 429);
  });

  void test('an error with times fails that many attempts, then streams', OPTIONS, async () => {
    const script = fakeScript([{ error: { status: 529, times: 2 }, text: 'recovered' }]);
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const error = await ask(script).catch((caught: unknown) => caught);
      assert.ok(error instanceof Anthropic.APIError);
      assert.equal(error.status, 529);
      assert.equal(error.type, 'overloaded_error');
    }
    const message = await final([{ role: 'user', content: script }]);
    assert.deepEqual(message.content, [{ type: 'text', text: 'recovered' }]);
    assert.deepEqual(
      fake.requests.map((request) => [request.attempt, request.status]),
      [
        [1, 529],
        [2, 529],
        [3, 200],
      ],
    );
  });

  void test('context_exceeded answers the prompt-too-long 400', OPTIONS, async () => {
    const error = await ask(fakeScript([{ error: { kind: 'context_exceeded' } }])).catch(
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof Anthropic.BadRequestError);
    assert.match(error.message, /prompt is too long/);
  });

  void test('cut_after resets the connection after the first chunks', OPTIONS, async () => {
    const { items, error } = await collectUntilError(
      await ask(fakeScript([{ text: 'abcdefghijkl', cut_after: 2 }])),
    );
    assert.ok(error instanceof Error, 'the iteration rejects');
    const text = items.flatMap((event) =>
      event.type === 'content_block_delta' && event.delta.type === 'text_delta' ? [event.delta.text] : [],
    );
    assert.deepEqual(text, ['abcd', 'efgh']);
    assert.ok(!items.some((event) => event.type === 'message_stop'));
  });

  void test('error_event_after sends an overloaded error event mid-stream', OPTIONS, async () => {
    const { items, error } = await collectUntilError(
      await ask(fakeScript([{ text: 'abcdefgh', error_event_after: 1 }])),
    );
    assert.ok(error instanceof Anthropic.APIError);
    assert.equal(error.type, 'overloaded_error');
    assert.equal(items.filter((event) => event.type === 'content_block_delta').length, 1);
  });

  void test('stall_after keeps the connection open until the caller aborts', OPTIONS, async () => {
    const controller = new AbortController();
    const stream = await ask(fakeScript([{ text: 'abcdefgh', stall_after: 1 }]), controller.signal);
    const deltas: string[] = [];
    const { error } = await collectUntilError(
      (async function* () {
        for await (const event of stream) {
          if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
            deltas.push(event.delta.text);
            controller.abort();
          }
          yield event;
        }
      })(),
    );
    assert.deepEqual(deltas, ['abcd']);
    assert.ok(error === undefined || error instanceof Anthropic.APIUserAbortError);
    assert.ok(controller.signal.aborted);
  });

  void test(
    'rejects missing auth with 401, bad JSON and non-streaming requests with 400',
    OPTIONS,
    async () => {
      const body = JSON.stringify({
        model: 'm',
        max_tokens: 5,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      });
      const unauthorized = await post(`${fake.url}/v1/messages`, body);
      assert.equal(unauthorized.status, 401);
      assert.deepEqual(unauthorized.json, {
        type: 'error',
        error: { type: 'authentication_error', message: 'x-api-key header is required' },
      });
      const badJson = await post(`${fake.url}/v1/messages`, '{nope', { 'x-api-key': 'k' });
      assert.equal(badJson.status, 400);
      assert.equal((badJson.json as { error: { type: string } }).error.type, 'invalid_request_error');
      const notStreaming = await client.messages
        .create({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] })
        .catch((caught: unknown) => caught);
      assert.ok(notStreaming instanceof Anthropic.BadRequestError);
      assert.deepEqual(
        fake.requests.map((request) => [request.status, request.step, request.attempt]),
        [
          [401, -1, 0],
          [400, -1, 0],
          [400, -1, 0],
        ],
      );
    },
  );
});
