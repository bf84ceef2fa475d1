import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, GoogleGenAI, type Content, type GenerateContentResponse } from '@google/genai';
import { fakeScript, startFakeProvider, type FakeProvider } from '../../src/fake-provider/index.js';
import { collect, collectUntilError, post } from './helpers.js';

const OPTIONS = { timeout: 15_000 };

function texts(chunks: readonly GenerateContentResponse[], thought = false): string[] {
  return chunks.flatMap((chunk) =>
    (chunk.candidates?.[0]?.content?.parts ?? []).flatMap((part) =>
      typeof part.text === 'string' && part.text !== '' && (part.thought === true) === thought
        ? [part.text]
        : [],
    ),
  );
}

void describe('fake provider: Gemini through @google/genai', () => {
  let fake: FakeProvider;
  let client: GoogleGenAI;
  before(async () => {
    fake = await startFakeProvider();
    client = new GoogleGenAI({ apiKey: 'fake-key-gemini', httpOptions: { baseUrl: fake.url } });
  });
  beforeEach(() => fake.reset());
  after(() => fake.close());

  const ask = (contents: string | Content[], abortSignal?: AbortSignal) =>
    client.models.generateContentStream({ model: 'gemini-fake', contents, config: { abortSignal } });

  void test('streams text, then a closing chunk with finishReason and usageMetadata', OPTIONS, async () => {
    const chunks = await collect(
      await ask(fakeScript([{ text: 'Hello there', usage: { input: 8, output: 3, cache_read: 4 } }])),
    );
    assert.deepEqual(texts(chunks), ['Hell', 'o th', 'ere']);
    const last = chunks.at(-1);
    assert.equal(last?.candidates?.[0]?.finishReason, 'STOP');
    assert.equal(last?.usageMetadata?.promptTokenCount, 12, 'Gemini counts cached tokens inside the prompt');
    assert.equal(last?.usageMetadata?.cachedContentTokenCount, 4);
    assert.equal(last?.usageMetadata?.candidatesTokenCount, 3);
    const recorded = fake.requests[0];
    assert.equal(recorded?.format, 'gemini');
    assert.equal(recorded?.path, '/v1beta/models/gemini-fake:streamGenerateContent?alt=sse');
    assert.equal(recorded?.headers['x-goog-api-key'], 'fake-key-gemini');
  });

  void test('thoughts, then a function call carrying the thought signature', OPTIONS, async () => {
    const script = fakeScript([
      { reasoning: 'think first', tools: [{ name: 'get_weather', args: { city: 'Oslo' } }] },
    ]);
    const chunks = await collect(await ask(script));
    assert.equal(texts(chunks, true).join(''), 'think first');
    const calls = chunks.flatMap((chunk) => chunk.functionCalls ?? []);
    assert.deepEqual(calls, [{ name: 'get_weather', args: { city: 'Oslo' } }]);
    const callPart = chunks
      .flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? [])
      .find((part) => part.functionCall !== undefined);
    assert.ok(typeof callPart?.thoughtSignature === 'string' && callPart.thoughtSignature.length > 0);
  });

  void test('picks the step after a function response round', OPTIONS, async () => {
    const script = fakeScript([
      { tools: [{ name: 'lookup', args: {} }] },
      { text: 'second', stop: 'max_tokens' },
    ]);
    const chunks = await collect(
      await ask([
        { role: 'user', parts: [{ text: script }] },
        { role: 'model', parts: [{ functionCall: { name: 'lookup', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'lookup', response: { result: 'found' } } }] },
      ]),
    );
    assert.equal(texts(chunks).join(''), 'second');
    assert.equal(chunks.at(-1)?.candidates?.[0]?.finishReason, 'MAX_TOKENS');
    assert.equal(fake.requests[0]?.step, 1);
  });

  void test('a scripted 429 has the Gemini error body, RetryInfo and retry-after', OPTIONS, async () => {
    const script = fakeScript([{ error: { status: 429, retry_after: 4 } }]);
    const error = await ask(script).catch((caught: unknown) => caught);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 429);
    assert.match(error.message, /RESOURCE_EXHAUSTED/);
    const raw = await post(
      `${fake.url}/v1beta/models/gemini-fake:streamGenerateContent?alt=sse&key=k`,
      JSON.stringify({ contents: [{ role: 'user', parts: [{ text: script }] }] }),
    );
    assert.equal(raw.status, 429);
    assert.equal(raw.headers.get('retry-after'), '4');
    assert.deepEqual(raw.json, {
      error: {
        code: 429,
        message: 'Resource has been exhausted (e.g. check quota).',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '4s' }],
      },
    });
  });

  void test('an error with times fails that many attempts, then streams', OPTIONS, async () => {
    const script = fakeScript([{ error: { status: 500, times: 1 }, text: 'ok' }]);
    const error = await ask(script).catch((caught: unknown) => caught);
    assert.ok(error instanceof ApiError && error.status === 500);
    assert.equal(texts(await collect(await ask(script))).join(''), 'ok');
  });

  void test('cut_after rejects the iteration after the first chunks', OPTIONS, async () => {
    const { items, error } = await collectUntilError(
      await ask(fakeScript([{ text: 'abcdefgh', cut_after: 1 }])),
    );
    assert.ok(error instanceof Error);
    assert.deepEqual(texts(items), ['abcd']);
  });

  void test('error_event_after throws the in-stream 503', OPTIONS, async () => {
    const { items, error } = await collectUntilError(
      await ask(fakeScript([{ text: 'abcdefgh', error_event_after: 1 }])),
    );
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 503);
    assert.deepEqual(texts(items), ['abcd']);
  });

  void test('stall_after keeps the connection open until the caller aborts', OPTIONS, async () => {
    const controller = new AbortController();
    const stream = await ask(fakeScript([{ text: 'abcdefgh', stall_after: 1 }]), controller.signal);
    const seen: string[] = [];
    const { error } = await collectUntilError(
      (async function* () {
        for await (const chunk of stream) {
          seen.push(...texts([chunk]));
          controller.abort();
          yield chunk;
        }
      })(),
    );
    assert.deepEqual(seen, ['abcd']);
    assert.ok(error instanceof Error, 'the aborted read rejects');
  });

  void test('missing auth answers 401; ?key= authenticates', OPTIONS, async () => {
    const body = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    const path = `${fake.url}/v1beta/models/gemini-fake:streamGenerateContent?alt=sse`;
    const unauthorized = await post(path, body);
    assert.equal(unauthorized.status, 401);
    assert.equal((unauthorized.json as { error: { status: string } }).error.status, 'UNAUTHENTICATED');
    const response = await fetch(`${path}&key=k`, { method: 'POST', body });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /"text":"echo"/);
  });
});
