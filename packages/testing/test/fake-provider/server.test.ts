import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeScript, startFakeProvider, type RecordedRequest } from '../../src/fake-provider/index.js';
import { post } from './helpers.js';

const OPTIONS = { timeout: 15_000 };

const messagesBody = (content: string) =>
  JSON.stringify({ model: 'm', max_tokens: 10, stream: true, messages: [{ role: 'user', content }] });

void describe('fake provider server', () => {
  void test('env() names the base URLs and fake keys', OPTIONS, async () => {
    const fake = await startFakeProvider();
    try {
      assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual(fake.env(), {
        ANTHROPIC_BASE_URL: fake.url,
        OPENAI_BASE_URL: `${fake.url}/v1`,
        GEMINI_BASE_URL: fake.url,
        ANTHROPIC_API_KEY: 'fake-key-anthropic',
        OPENAI_API_KEY: 'fake-key-openai',
        GEMINI_API_KEY: 'fake-key-gemini',
      });
    } finally {
      await fake.close();
    }
  });

  void test(
    'GET /__fake/requests lists the recorded requests; POST /__fake/reset clears them',
    OPTIONS,
    async () => {
      const fake = await startFakeProvider();
      try {
        const answered = await fetch(`${fake.url}/v1/messages`, {
          method: 'POST',
          headers: { 'x-api-key': 'k' },
          body: messagesBody(fakeScript([{ text: 'hi' }])),
        });
        assert.match(await answered.text(), /"text":"hi"/);
        const listed = (await (await fetch(`${fake.url}/__fake/requests`)).json()) as RecordedRequest[];
        assert.equal(listed.length, 1);
        assert.deepEqual(
          {
            format: listed[0]?.format,
            path: listed[0]?.path,
            step: listed[0]?.step,
            status: listed[0]?.status,
          },
          { format: 'anthropic', path: '/v1/messages', step: 0, status: 200 },
        );
        assert.equal(listed[0]?.headers['x-api-key'], 'k');
        assert.equal((listed[0]?.body as { model: string }).model, 'm');
        assert.equal((await fetch(`${fake.url}/__fake/reset`, { method: 'POST' })).status, 200);
        assert.deepEqual(fake.requests, []);
      } finally {
        await fake.close();
      }
    },
  );

  void test(
    'unknown routes answer 404; an invalid script answers 400 naming the field',
    OPTIONS,
    async () => {
      const fake = await startFakeProvider();
      try {
        assert.equal((await post(`${fake.url}/v2/whatever`, '{}')).status, 404);
        const invalid = await post(
          `${fake.url}/v1/chat/completions`,
          JSON.stringify({
            model: 'm',
            stream: true,
            messages: [{ role: 'user', content: '<fake>[{"tools": [{"name": 3}]}]</fake>' }],
          }),
        );
        assert.equal(invalid.status, 400);
        assert.match(
          (invalid.json as { error: { message: string } }).error.message,
          /steps\[0\]\.tools\[0\]\.name/,
        );
      } finally {
        await fake.close();
      }
    },
  );

  void test('a malformed JSON body answers 400 in each provider format', OPTIONS, async () => {
    const fake = await startFakeProvider();
    try {
      const cases: [string, Record<string, string>, (json: unknown) => unknown][] = [
        ['/v1/messages', { 'x-api-key': 'k' }, (json) => (json as { error: { type: string } }).error.type],
        [
          '/v1/responses',
          { authorization: 'Bearer k' },
          (json) => (json as { error: { type: string } }).error.type,
        ],
        ['/v1/chat/completions', {}, (json) => (json as { error: { type: string } }).error.type],
        [
          '/v1beta/models/g:streamGenerateContent?alt=sse',
          { 'x-goog-api-key': 'k' },
          (json) => (json as { error: { status: string } }).error.status,
        ],
      ];
      const kinds: unknown[] = [];
      for (const [path, headers, kind] of cases) {
        const answer = await post(`${fake.url}${path}`, '{"model": ', headers);
        assert.equal(answer.status, 400, path);
        kinds.push(kind(answer.json));
      }
      assert.deepEqual(kinds, [
        'invalid_request_error',
        'invalid_request_error',
        'invalid_request_error',
        'INVALID_ARGUMENT',
      ]);
      assert.deepEqual(
        fake.requests.map((request) => [request.format, request.body, request.step]),
        [
          ['anthropic', '{"model": ', -1],
          ['openai-responses', '{"model": ', -1],
          ['chat-completions', '{"model": ', -1],
          ['gemini', '{"model": ', -1],
        ],
      );
    } finally {
      await fake.close();
    }
  });

  void test('close() ends a stalled stream and a stream waiting out delay_ms', OPTIONS, async () => {
    const fake = await startFakeProvider();
    const open = async (step: object) => {
      const response = await fetch(`${fake.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': 'k' },
        body: messagesBody(fakeScript([{ text: 'abcdefgh', ...step }])),
      });
      assert.equal(response.status, 200);
      const reader = response.body!.getReader();
      let received = '';
      while (!received.includes('"text":"abcd"')) {
        const { value, done } = await reader.read();
        assert.equal(done, false);
        received += Buffer.from(value!).toString('utf8');
      }
      return async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return received;
          received += Buffer.from(value).toString('utf8');
        }
      };
    };
    const stalled = await open({ stall_after: 1 });
    const delayed = await open({ delay_ms: 60_000 });
    await fake.close();
    for (const rest of [stalled, delayed]) {
      const outcome = await rest().then(
        (text) => text,
        (error: unknown) => error,
      );
      if (typeof outcome === 'string') assert.ok(!outcome.includes('"text":"efgh"'));
      else assert.ok(outcome instanceof Error);
    }
  });
});
