import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import {
  fakeScript,
  startFakeProvider,
  type FakeProvider,
  type FakeStep,
} from '../../src/fake-provider/index.js';

const OPTIONS = { timeout: 15_000 };

/** Where each format is posted, and a minimal streaming body carrying `content` as the user message. */
const ROUTES = {
  anthropic: {
    path: '/v1/messages',
    headers: { 'x-api-key': 'k' },
    body: (content: string) => ({
      model: 'm',
      max_tokens: 10,
      stream: true,
      messages: [{ role: 'user', content }],
    }),
  },
  chat: {
    path: '/v1/chat/completions',
    headers: {},
    body: (content: string) => ({
      model: 'm',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content }],
    }),
  },
  responses: {
    path: '/v1/responses',
    headers: { authorization: 'Bearer k' },
    body: (content: string) => ({ model: 'm', stream: true, input: content }),
  },
  gemini: {
    path: '/v1beta/models/m:streamGenerateContent?alt=sse',
    headers: { 'x-goog-api-key': 'k' },
    body: (content: string) => ({ contents: [{ role: 'user', parts: [{ text: content }] }] }),
  },
} as const;

type Route = keyof typeof ROUTES;

/** What a raw HTTP read of one answer saw: the body bytes, and whether the connection failed before its end. */
interface RawAnswer {
  status: number;
  body: Buffer;
  failed: boolean;
}

/**
 * Posts a scripted request with node:http (no SDK, so cut bytes and comments are visible as sent) and reads
 * the body until it ends, fails, or `stopWhen` says so (then the request is destroyed).
 */
function rawPost(
  fake: FakeProvider,
  route: Route,
  steps: FakeStep[],
  stopWhen: (body: string) => boolean = () => false,
): Promise<RawAnswer> {
  const { path, headers, body } = ROUTES[route];
  const payload = JSON.stringify(body(`go ${fakeScript(steps)}`));
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${fake.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      const done = (failed: boolean): void =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks), failed });
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (stopWhen(Buffer.concat(chunks).toString('utf8'))) {
          done(false);
          request.destroy();
        }
      });
      response.on('end', () => done(false));
      response.on('error', () => done(true));
      response.on('aborted', () => done(true));
    });
    request.end(payload);
  });
}

/** The `data:` payloads of an SSE body, parsed when they are JSON. */
function dataFrames(body: string): unknown[] {
  return body
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice(6))
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as unknown)));
}

type ChatChunk = {
  choices: { delta: Record<string, unknown>; finish_reason: string | null }[];
  usage?: unknown;
};

void describe('fake provider fault rules', () => {
  let fake: FakeProvider;
  before(async () => {
    fake = await startFakeProvider();
  });
  beforeEach(() => fake.reset());
  after(() => fake.close());

  void test('cut_after_bytes sends exactly n body bytes, then resets the connection', OPTIONS, async () => {
    const step: FakeStep = { text: 'abcdefghijklmnop', usage: { input: 1, output: 1 } };
    const whole = await rawPost(fake, 'anthropic', [step]);
    const cut = await rawPost(fake, 'anthropic', [{ ...step, cut_after_bytes: 301 }]);
    assert.equal(cut.failed, true, 'the connection was reset, not ended');
    assert.equal(cut.body.length, 301);
    // The same bytes as the whole stream, but for the request number in the ids.
    const normalized = (body: Buffer): string => body.toString('latin1').replace(/fake_\d+/g, 'fake_N');
    assert.equal(normalized(cut.body), normalized(whole.body.subarray(0, 301)));
  });

  void test('cut_after_bytes: 0 resets before the first byte of the body', OPTIONS, async () => {
    const cut = await rawPost(fake, 'chat', [{ text: 'abcdefgh', cut_after_bytes: 0 }]);
    assert.deepEqual([cut.status, cut.body.length, cut.failed], [200, 0, true]);
  });

  void test('done_after: 0 is [DONE] before any content on Chat Completions', OPTIONS, async () => {
    const answer = await rawPost(fake, 'chat', [{ text: 'never sent', done_after: 0 }]);
    assert.equal(answer.failed, false);
    const frames = dataFrames(answer.body.toString('utf8'));
    assert.equal(frames.at(-1), '[DONE]');
    const chunks = frames.slice(0, -1) as ChatChunk[];
    assert.ok(
      chunks.every(
        (chunk) => !chunk.choices[0]?.delta['content'] && chunk.choices[0]?.finish_reason === null,
      ),
      'no content and no finish reason before [DONE]',
    );
    assert.ok(
      chunks.every((chunk) => chunk.usage === undefined),
      'no usage chunk',
    );
  });

  void test(
    'done_after ends an Anthropic stream with message_stop and no message_delta',
    OPTIONS,
    async () => {
      const answer = await rawPost(fake, 'anthropic', [{ text: 'abcdefgh', done_after: 1 }]);
      const body = answer.body.toString('utf8');
      assert.match(body, /event: message_stop/);
      assert.doesNotMatch(body, /message_delta/);
      assert.equal((body.match(/"text_delta"/g) ?? []).length, 1);
    },
  );

  void test('done_after ends an OpenAI Responses stream without response.completed', OPTIONS, async () => {
    const answer = await rawPost(fake, 'responses', [{ text: 'abcdefgh', done_after: 1 }]);
    assert.equal(answer.failed, false);
    const body = answer.body.toString('utf8');
    assert.equal((body.match(/event: response\.output_text\.delta/g) ?? []).length, 1);
    assert.doesNotMatch(body, /response\.completed/);
  });

  for (const [route, keepalive] of [
    ['anthropic', 'event: ping'],
    ['chat', ': keepalive'],
  ] as const) {
    void test(`keepalive_ms sends ${route} keepalives and no content while stalled`, OPTIONS, async () => {
      const count = (body: string): number => body.split(keepalive).length - 1;
      // Anthropic's head already carries one ping; wait for three sent during the stall.
      const baseline = route === 'anthropic' ? 1 : 0;
      const answer = await rawPost(
        fake,
        route,
        [{ text: 'abcdefgh', stall_after: 1, keepalive_ms: 20 }],
        (body) => count(body) >= baseline + 3,
      );
      const body = answer.body.toString('utf8');
      assert.ok(count(body) >= baseline + 3);
      const afterFirstChunk = body.slice(body.indexOf('abcd') + 4);
      assert.doesNotMatch(afterFirstChunk, /efgh/, 'nothing but keepalives after the stall');
    });
  }

  void test('keepalive_ms without stall_after is rejected as a bad script', OPTIONS, async () => {
    const answer = await rawPost(fake, 'chat', [{ text: 'x', keepalive_ms: 10 }]);
    assert.equal(answer.status, 400);
    assert.match(answer.body.toString('utf8'), /keepalive_ms: needs stall_after/);
  });

  void test(
    'reasoning_with_text puts reasoning and text in one Chat Completions delta',
    OPTIONS,
    async () => {
      const answer = await rawPost(fake, 'chat', [
        { reasoning: 'thinkthink', text: 'answer', chunk: 4, reasoning_with_text: true },
      ]);
      const deltas = (dataFrames(answer.body.toString('utf8')).slice(0, -1) as ChatChunk[])
        .map((chunk) => chunk.choices[0]?.delta)
        .filter((delta) => delta?.['reasoning_content'] !== undefined || delta?.['content']);
      assert.deepEqual(deltas, [
        { reasoning_content: 'thin', content: 'answ' },
        { reasoning_content: 'kthi', content: 'er' },
        { reasoning_content: 'nk' },
      ]);
    },
  );

  void test(
    'reasoning_with_text puts a thought part and a text part in one Gemini chunk',
    OPTIONS,
    async () => {
      const answer = await rawPost(fake, 'gemini', [
        { reasoning: 'why', text: 'because', chunk: 8, reasoning_with_text: true },
      ]);
      const first = dataFrames(answer.body.toString('utf8'))[0] as {
        candidates: { content: { parts: unknown[] } }[];
      };
      assert.deepEqual(first.candidates[0]?.content.parts, [
        { text: 'why', thought: true },
        { text: 'because' },
      ]);
    },
  );

  void test(
    'a reasoning-only answer streams reasoning, a finish reason and usage, no text',
    OPTIONS,
    async () => {
      const answer = await rawPost(fake, 'chat', [{ reasoning: 'only thoughts' }]);
      const chunks = dataFrames(answer.body.toString('utf8')).slice(0, -1) as ChatChunk[];
      const reasoning = chunks.map((chunk) => chunk.choices[0]?.delta['reasoning_content'] ?? '').join('');
      assert.equal(reasoning, 'only thoughts');
      assert.ok(chunks.every((chunk) => !chunk.choices[0]?.delta['content']));
      assert.ok(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'stop'));
    },
  );

  void test('Chat Completions sends the usage chunk after the finish_reason chunk', OPTIONS, async () => {
    const answer = await rawPost(fake, 'chat', [{ text: 'hi', usage: { input: 5, output: 2 } }]);
    const frames = dataFrames(answer.body.toString('utf8'));
    const finishAt = frames.findIndex((frame) => (frame as ChatChunk).choices?.[0]?.finish_reason === 'stop');
    const usageAt = frames.findIndex((frame) => (frame as ChatChunk).usage !== undefined);
    assert.ok(finishAt !== -1 && usageAt === finishAt + 1, `finish at ${finishAt}, usage at ${usageAt}`);
    assert.deepEqual((frames[usageAt] as ChatChunk).choices, []);
    assert.equal(frames.at(-1), '[DONE]');
  });

  void test('fault_times applies the stream faults to the first attempts only', OPTIONS, async () => {
    const steps: FakeStep[] = [{ text: 'abcdefgh', cut_after: 0, fault_times: 1 }];
    const first = await rawPost(fake, 'anthropic', steps);
    const second = await rawPost(fake, 'anthropic', steps);
    assert.equal(first.failed, true);
    assert.doesNotMatch(first.body.toString('utf8'), /text_delta/);
    assert.equal(second.failed, false);
    assert.match(second.body.toString('utf8'), /event: message_stop/);
    assert.deepEqual(
      fake.requests.map((request) => request.attempt),
      [1, 2],
    );
  });

  for (const [status, type] of [
    [500, 'api_error'],
    [503, 'api_error'],
    [529, 'overloaded_error'],
  ] as const) {
    void test(`a scripted ${status} answers the Anthropic ${type} body`, OPTIONS, async () => {
      const answer = await rawPost(fake, 'anthropic', [{ error: { status } }]);
      assert.equal(answer.status, status);
      const body = JSON.parse(answer.body.toString('utf8')) as { error: { type: string } };
      assert.equal(body.error.type, type);
    });
  }
});
