import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ResponseInputItem, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { fakeScript, startFakeProvider, type FakeProvider } from '../../src/fake-provider/index.js';
import { collect, collectUntilError, post } from './helpers.js';

const OPTIONS = { timeout: 15_000 };

function textDeltas(events: readonly ResponseStreamEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'response.output_text.delta' ? [event.delta] : []));
}

void describe('fake provider: OpenAI Responses through the openai SDK', () => {
  let fake: FakeProvider;
  let client: OpenAI;
  before(async () => {
    fake = await startFakeProvider();
    client = new OpenAI({ apiKey: 'fake-key-openai', baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  beforeEach(() => fake.reset());
  after(() => fake.close());

  const ask = (input: string | ResponseInputItem[], signal?: AbortSignal) =>
    client.responses.create({ model: 'gpt-fake', input, stream: true }, { signal });

  void test('streams text with increasing sequence numbers and usage', OPTIONS, async () => {
    const script = fakeScript([
      { text: 'Hello from the fake', usage: { input: 20, output: 6, cache_read: 5 } },
    ]);
    const events = await collect(await ask(script));
    assert.deepEqual(textDeltas(events), ['Hell', 'o fr', 'om t', 'he f', 'ake']);
    assert.deepEqual(
      events.map((event) => event.sequence_number),
      events.map((_, index) => index),
    );
    const completed = events.at(-1);
    assert.ok(completed?.type === 'response.completed');
    assert.equal(completed.response.status, 'completed');
    assert.equal(
      completed.response.usage?.input_tokens,
      25,
      'OpenAI counts cached tokens inside input_tokens',
    );
    assert.equal(completed.response.usage?.input_tokens_details.cached_tokens, 5);
    assert.equal(completed.response.usage?.output_tokens, 6);
    assert.equal(fake.requests[0]?.format, 'openai-responses');
    assert.equal(fake.requests[0]?.headers['authorization'], 'Bearer fake-key-openai');
  });

  void test('reasoning, text and a tool call accumulate in the SDK stream helper', OPTIONS, async () => {
    const script = fakeScript([
      {
        reasoning: 'Need the weather.',
        text: 'Checking.',
        tools: [{ name: 'get_weather', args: { city: 'Paris' } }],
      },
    ]);
    const stream = client.responses.stream({
      model: 'gpt-fake',
      input: [{ role: 'user', content: [{ type: 'input_text', text: script }] }],
      include: ['reasoning.encrypted_content'],
    });
    const argumentDeltas: string[] = [];
    stream.on('response.function_call_arguments.delta', (event) => argumentDeltas.push(event.delta));
    const response = await stream.finalResponse();
    assert.deepEqual(
      response.output.map((item) => item.type),
      ['reasoning', 'message', 'function_call'],
    );
    const [reasoning, message, call] = response.output;
    assert.ok(reasoning?.type === 'reasoning');
    assert.deepEqual(reasoning.summary, [{ type: 'summary_text', text: 'Need the weather.' }]);
    assert.ok(typeof reasoning.encrypted_content === 'string' && reasoning.id.startsWith('rs_'));
    assert.ok(message?.type === 'message');
    assert.equal(response.output_text, 'Checking.');
    assert.ok(call?.type === 'function_call');
    assert.equal(call.call_id, 'call_0_0');
    assert.equal(call.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.arguments), { city: 'Paris' });
    assert.ok(argumentDeltas.length > 1, 'arguments stream in pieces');
    assert.ok((response.usage?.output_tokens_details.reasoning_tokens ?? 0) > 0);
  });

  void test('picks the step after a tool round; max_tokens ends as incomplete', OPTIONS, async () => {
    const script = fakeScript([
      { tools: [{ name: 'lookup', args: {} }] },
      { text: 'cut short', stop: 'max_tokens' },
    ]);
    const events = await collect(
      await ask([
        { role: 'user', content: script },
        { type: 'reasoning', id: 'rs_1', summary: [] },
        { type: 'function_call', call_id: 'call_0_0', name: 'lookup', arguments: '{}' },
        { type: 'function_call_output', call_id: 'call_0_0', output: 'found' },
      ]),
    );
    assert.equal(textDeltas(events).join(''), 'cut short');
    const last = events.at(-1);
    assert.ok(last?.type === 'response.incomplete');
    assert.equal(last.response.incomplete_details?.reason, 'max_output_tokens');
    assert.equal(fake.requests[0]?.step, 1, 'reasoning + function_call form one assistant turn');
  });

  void test('a scripted 429 carries retry-after and the OpenAI error body', OPTIONS, async () => {
    const error = await ask(fakeScript([{ error: { status: 429, retry_after: 3 } }])).catch(
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof OpenAI.RateLimitError);
    assert.equal(error.headers?.get('retry-after'), '3');
    assert.equal(error.code, 'rate_limit_exceeded');
  });

  void test('an error with times fails that many attempts, then streams', OPTIONS, async () => {
    const script = fakeScript([{ error: { status: 500, times: 1 }, text: 'ok' }]);
    const error = await ask(script).catch((caught: unknown) => caught);
    assert.ok(error instanceof OpenAI.InternalServerError);
    assert.equal(textDeltas(await collect(await ask(script))).join(''), 'ok');
    assert.deepEqual(
      fake.requests.map((request) => request.attempt),
      [1, 2],
    );
  });

  void test('context_exceeded answers context_length_exceeded', OPTIONS, async () => {
    const error = await ask(fakeScript([{ error: { kind: 'context_exceeded' } }])).catch(
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.code, 'context_length_exceeded');
  });

  void test('cut_after rejects the iteration after the first chunks', OPTIONS, async () => {
    const { items, error } = await collectUntilError(
      await ask(fakeScript([{ text: 'abcdefghijkl', cut_after: 1 }])),
    );
    assert.ok(error instanceof Error);
    assert.deepEqual(textDeltas(items), ['abcd']);
  });

  void test('error_event_after sends error and response.failed events', OPTIONS, async () => {
    const events = await collect(await ask(fakeScript([{ text: 'abcdefgh', error_event_after: 1 }])));
    assert.deepEqual(
      events.slice(-2).map((event) => event.type),
      ['error', 'response.failed'],
    );
    assert.deepEqual(
      events.map((event) => event.sequence_number),
      events.map((_, index) => index),
    );
  });

  void test('stall_after keeps the connection open until the caller aborts', OPTIONS, async () => {
    const controller = new AbortController();
    const stream = await ask(fakeScript([{ text: 'abcdefgh', stall_after: 1 }]), controller.signal);
    const deltas: string[] = [];
    try {
      for await (const event of stream) {
        if (event.type === 'response.output_text.delta') {
          deltas.push(event.delta);
          controller.abort();
        }
      }
    } catch (error) {
      assert.ok(error instanceof OpenAI.APIUserAbortError);
    }
    assert.deepEqual(deltas, ['abcd']);
  });

  void test('rejects missing auth with 401 and non-streaming requests with 400', OPTIONS, async () => {
    const unauthorized = await post(
      `${fake.url}/v1/responses`,
      JSON.stringify({ model: 'm', input: 'x', stream: true }),
    );
    assert.equal(unauthorized.status, 401);
    assert.equal((unauthorized.json as { error: { type: string } }).error.type, 'invalid_request_error');
    const notStreaming = await client.responses
      .create({ model: 'm', input: 'hi' })
      .catch((caught: unknown) => caught);
    assert.ok(notStreaming instanceof OpenAI.BadRequestError);
  });
});
