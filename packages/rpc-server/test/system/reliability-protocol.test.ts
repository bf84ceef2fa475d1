import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Message, RpcClient } from './rpc-client.js';
import { SystemFixture, errorOf, resultOf, scripted } from './support.js';

// Reliability rows 12–15 and 18 (docs: shared/design/reliability.md) against one rkat-rpc process: bad
// frames, bad requests, unknown methods, bad params and pipelined requests. After each row the same
// process must still serve, and nothing may have been persisted or sent to the provider.
const REALM = 'rel-protocol';
let fixture: SystemFixture;
let rpc: RpcClient;
let sessionId = '';

before(async () => {
  fixture = await SystemFixture.start();
  rpc = fixture.spawn(['--realm', REALM]);
  const created = await rpc.call<{ session_id: string }>('session/create', {
    prompt: scripted([{ text: 'the only session' }]),
    labels: { row: 'fixture' },
  });
  sessionId = created.session_id;
});

after(async () => {
  await fixture.stop();
});

/** What the realm holds: every session row, the config generation and the provider calls so far. */
async function realmState(): Promise<unknown> {
  const list = await rpc.call('session/list', {});
  const history = await rpc.call('session/history', { session_id: sessionId });
  const { generation } = await rpc.call<{ generation: number }>('config/get');
  return { list, history, generation, providerCalls: fixture.fake.requests.length };
}

/**
 * Writes raw text, then a probe request, and returns the lines the server wrote in between. Errors for
 * lines without a readable id are written while reading, so they all precede the probe's answer.
 */
async function linesBeforeProbe(raw: string | Buffer): Promise<Message[]> {
  const first = rpc.messages.length;
  rpc.write(raw);
  const probe = await rpc.request('capabilities/get');
  resultOf(probe.message);
  return rpc.messages.slice(first, probe.index);
}

const NOT_JSON = [
  'this is not json',
  '{"jsonrpc":"2.0","id":"r12-cut","method":"initialize"',
  '{"jsonrpc":"2.0","id":"r12-trailing","method":"initialize"} trailing',
  '{"jsonrpc":"2.0","id":"r12-comma","method":"initialize",}',
  "{'jsonrpc':'2.0','id':'r12-quotes','method':'initialize'}",
  '{"jsonrpc":"2.0","id":"r12-leading-zero","method":"initialize","params":{"n":01}}',
  'NaN',
  ']',
  '\u0000',
];

void test(
  'R12 malformed-frame: each non-JSON line gets -32700 with id null',
  { timeout: 90_000 },
  async () => {
    const state = await realmState();
    const invalidUtf8 = Buffer.from(
      '{"jsonrpc":"2.0","id":"r12-utf8","method":"initialize","x":"\xff"}\n',
      'latin1',
    );
    const blankLines = '   \n\t\n\r\n\n';
    const lines = await linesBeforeProbe(
      Buffer.concat([Buffer.from(NOT_JSON.map((line) => `${line}\n${blankLines}`).join('')), invalidUtf8]),
    );
    // Exactly one answer per bad line (blank lines are skipped), in order, none under a guessed id.
    assert.equal(lines.length, NOT_JSON.length + 1, JSON.stringify(lines));
    for (const line of lines) {
      assert.deepEqual(Object.keys(line).sort(), ['error', 'id', 'jsonrpc'], JSON.stringify(lines));
      assert.equal(line.id, null);
      assert.equal(errorOf(line).code, -32700);
      assert.match(errorOf(line).message, /^Parse error: /);
    }
    assert.equal(errorOf(lines.at(-1) ?? {}).message, 'Parse error: invalid UTF-8');
    assert.ok(!rpc.messages.some((message) => String(message.id).startsWith('r12-')));
    // RFC 8259 §8.1 lets a parser ignore a byte order mark: a BOM-prefixed request is served.
    rpc.write('\uFEFF{"jsonrpc":"2.0","id":"bom","method":"initialize"}\n');
    resultOf((await rpc.response('bom')).message);
    assert.deepEqual(await realmState(), state, 'nothing ran');
  },
);

void test(
  'R13 invalid-request: JSON that is not a request is -32600, echoing a readable id, with no side effect',
  { timeout: 90_000 },
  async () => {
    const state = await realmState();
    const create = { method: 'session/create', params: { prompt: scripted([{ text: 'must not run' }]) } };
    const withId: [string, unknown][] = [
      ['r13-no-version', { id: 'r13-no-version', ...create }],
      ['r13-version-1', { jsonrpc: '1.0', id: 'r13-version-1', ...create }],
      ['r13-version-number', { jsonrpc: 2.0, id: 'r13-version-number', ...create }],
      ['r13-method-number', { jsonrpc: '2.0', id: 'r13-method-number', method: 42 }],
      ['r13-method-null', { jsonrpc: '2.0', id: 'r13-method-null', method: null }],
      ['r13-method-object', { jsonrpc: '2.0', id: 'r13-method-object', method: { name: 'session/create' } }],
      [
        'r13-params-array',
        { jsonrpc: '2.0', id: 'r13-params-array', method: 'session/create', params: ['x'] },
      ],
      [
        'r13-params-string',
        { jsonrpc: '2.0', id: 'r13-params-string', method: 'session/create', params: 'x' },
      ],
      ['r13-no-method', { jsonrpc: '2.0', id: 'r13-no-method', params: {} }],
    ];
    const withoutId: unknown[] = [
      // Batches are not supported (01 §2 frames one object per line): one answer for the whole array.
      [{ jsonrpc: '2.0', id: 'r13-batch', ...create }],
      [],
      { jsonrpc: '2.0', id: { nested: 1 }, ...create },
      { jsonrpc: '2.0', id: true, ...create },
      { jsonrpc: '2.0', id: [1], ...create },
      42,
      'session/create',
      null,
    ];
    const raw = [...withId.map(([, message]) => message), ...withoutId]
      .map((message) => `${JSON.stringify(message)}\n`)
      .join('');
    // An id that parses to a non-finite number cannot be echoed.
    const lines = await linesBeforeProbe(`${raw}{"jsonrpc":"2.0","id":1e400,"method":"initialize"}\n`);

    for (const [id] of withId) {
      const answers = rpc.messages.filter((message) => message.id === id);
      assert.equal(answers.length, 1, `${id}: exactly one answer`);
      assert.equal(errorOf(answers[0] ?? {}).code, -32600, id);
      assert.match(errorOf(answers[0] ?? {}).message, /^Invalid request: /, id);
    }
    const anonymous = lines.filter((message) => message.id === null);
    assert.equal(anonymous.length, withoutId.length + 1);
    for (const message of anonymous) assert.equal(errorOf(message).code, -32600, JSON.stringify(message));
    assert.deepEqual(
      anonymous.slice(0, 2).map((message) => errorOf(message).message),
      [
        'Invalid request: batch requests are not supported',
        'Invalid request: batch requests are not supported',
      ],
    );
    assert.ok(!rpc.messages.some((message) => message.id === 'r13-batch'), 'no member of a batch runs');

    // A null id makes a notification: session/create as a notification is ignored, not run, not answered.
    rpc.send({ jsonrpc: '2.0', id: null, ...create });
    rpc.send({ jsonrpc: '2.0', ...create });
    // Long enough for a wrongly started run to reach the provider.
    await delay(300);
    assert.deepEqual(await realmState(), state, 'no session created, no provider call');
  },
);

void test('R14 unknown-method: -32601 naming the method, echoing the id', { timeout: 90_000 }, async () => {
  const unknown = [
    'no/such_method',
    '',
    'Initialize',
    'initialize ',
    'session/create/',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'skills/inspect',
    'mob/create',
    'live/open',
    'cancel',
    'métode/ünïcode/🦫',
    `long/${'m'.repeat(10_000)}`,
  ];
  const state = await realmState();
  for (const [index, method] of unknown.entries()) {
    rpc.send({ jsonrpc: '2.0', id: `r14-${index}`, method, params: { session_id: sessionId } });
  }
  for (const [index, method] of unknown.entries()) {
    const { message } = await rpc.response(`r14-${index}`);
    assert.deepEqual(message, {
      jsonrpc: '2.0',
      id: `r14-${index}`,
      error: { code: -32601, message: `Method not found: ${method}` },
    });
  }
  assert.deepEqual(await realmState(), state);
});

void test(
  'R15 invalid-params: -32602 naming the field or SESSION_NOT_FOUND; nothing persisted',
  { timeout: 90_000 },
  async () => {
    const state = await realmState();
    const unknownSession = '01a22276-75c6-719f-8985-00c9d65a684b';
    const prompt = scripted([{ text: 'must not run' }]);
    const cases: [method: string, params: unknown, code: number, field: RegExp][] = [
      ['session/create', { prompt: 42 }, -32602, /\/prompt: must be string/],
      ['session/create', {}, -32602, /missing field `prompt`/],
      ['session/create', { prompt, model: 42 }, -32602, /\/model: must be string/],
      ['session/create', { prompt, labels: 'team' }, -32602, /\/labels: must be object/],
      ['session/create', { prompt, max_tokens: -1 }, -32602, /\/max_tokens: must be >= 0/],
      ['session/create', { prompt, provider: 'bogus' }, -32602, /unknown provider 'bogus'/],
      ['session/create', { prompt, output_schema: 5 }, -32602, /^Invalid output_schema: /],
      ['turn/start', { prompt }, -32602, /missing field `session_id`/],
      ['turn/start', { session_id: 42, prompt }, -32602, /\/session_id: must be string/],
      ['turn/start', { session_id: sessionId, prompt: { text: 'x' } }, -32602, /\/prompt/],
      ['turn/start', { session_id: 'not-a-uuid', prompt }, -32602, /^Invalid session_id 'not-a-uuid'/],
      [
        'turn/start',
        { session_id: `other:${unknownSession}`, prompt },
        -32602,
        /realm 'other' does not match/,
      ],
      [
        'turn/start',
        { session_id: unknownSession, prompt },
        -32001,
        new RegExp(`not found: ${unknownSession}`),
      ],
      ['session/read', { session_id: unknownSession }, -32001, new RegExp(`not found: ${unknownSession}`)],
      ['session/archive', { session_id: unknownSession }, -32001, new RegExp(`not found: ${unknownSession}`)],
      ['session/history', { session_id: sessionId, offset: -1 }, -32602, /\/offset: must be >= 0/],
      ['session/history', { session_id: sessionId, limit: 'all' }, -32602, /\/limit: must be integer/],
      ['session/fork_at', { session_id: sessionId, message_index: 'a' }, -32602, /\/message_index/],
      ['session/list', { labels: 5 }, -32602, /\/labels: must be object/],
      ['session/stream_open', { session_id: sessionId, extra: 1 }, -32602, /unknown field `extra`/],
      ['config/patch', { patch: 'x', expected_generation: 0 }, -32602, /patch/],
      ['realm/get', { realm_id: 7 }, -32602, /\/realm_id: must be string/],
      ['blob/get', {}, -32602, /missing field `blob_id`/],
      ['tools/register', { tools: 'none' }, -32602, /\/tools/],
    ];
    const ids = cases.map(([method, params]) => rpc.start(method, params));
    for (const [index, [method, params, code, field]] of cases.entries()) {
      const error = errorOf((await rpc.response(ids[index])).message);
      const what = `${method} ${JSON.stringify(params)}`;
      assert.equal(error.code, code, `${what}: ${error.message}`);
      assert.match(error.message, field, what);
    }
    assert.deepEqual(await realmState(), state, 'no session, message, config change or provider call');
  },
);

void test(
  'R18 pipelined-requests: interleaved ids, out-of-order completion, duplicates rejected, none lost',
  { timeout: 90_000 },
  async () => {
    const second = await rpc.call<{ session_id: string }>('session/create', {
      prompt: scripted([{ text: 'second session' }]),
    });
    const sessions = [sessionId, second.session_id];
    // A slow turn first, under an id that is then reused while it is in flight.
    const slowId = 'r18-slow';
    const slowPrompt = scripted([{ text: 'slow and steady', chunk: 1, delay_ms: 40 }]);
    let lines = `${JSON.stringify({ jsonrpc: '2.0', id: slowId, method: 'turn/start', params: { session_id: second.session_id, prompt: slowPrompt } })}\n`;
    const expected = new Map<string | number, (message: Message) => void>();
    const readsOf = (id: string | number, session: string): void => {
      expected.set(id, (message) =>
        assert.equal(resultOf<{ session_id: string }>(message).session_id, session, String(id)),
      );
    };
    for (let index = 0; index < 300; index += 1) {
      const session = sessions[index % 2] as string;
      // Number and string ids of the same digits are different ids.
      const id = index % 3 === 0 ? 10_000 + index : index % 3 === 1 ? `${10_000 + index}` : `r18-${index}`;
      if (index % 5 === 4) {
        const blob = `sha256:${index.toString(16).padStart(64, '0')}`;
        expected.set(id, (message) => assert.equal(errorOf(message).message, `blob not found: ${blob}`));
        lines += `${JSON.stringify({ jsonrpc: '2.0', id, method: 'blob/get', params: { blob_id: blob } })}\n`;
      } else {
        readsOf(id, session);
        lines += `${JSON.stringify({ jsonrpc: '2.0', id, method: 'session/read', params: { session_id: session } })}\n`;
      }
    }
    // The duplicate arrives while the slow turn runs: it is rejected, the original is answered once.
    lines += `${JSON.stringify({ jsonrpc: '2.0', id: slowId, method: 'session/read', params: { session_id: sessionId } })}\n`;
    rpc.write(lines);

    const answersTo = (id: string | number): Message[] =>
      rpc.messages.filter((message) => message.method === undefined && message.id === id);
    await rpc.waitFor(() => answersTo(slowId).length === 2, 'the answers to the turn and to its duplicate');
    const [duplicate, turn] = answersTo(slowId);
    assert.deepEqual(duplicate?.error, {
      code: -32600,
      message: 'Invalid request: duplicate request id',
      data: { code: 'DUPLICATE_REQUEST_ID' },
    });
    assert.equal(resultOf<{ text: string }>(turn ?? {}).text, 'slow and steady');
    const turnIndex = rpc.messages.indexOf(turn as Message);
    for (const [id, check] of expected) {
      const answers = answersTo(id);
      assert.equal(answers.length, 1, `exactly one answer for ${JSON.stringify(id)}`);
      check(answers[0] as Message);
      assert.ok(
        rpc.messages.indexOf(answers[0] as Message) < turnIndex,
        'the fast requests overtook the turn',
      );
    }
    // Once answered, the id is free again.
    rpc.send({ jsonrpc: '2.0', id: slowId, method: 'session/read', params: { session_id: sessionId } });
    await rpc.waitFor(() => answersTo(slowId).length === 3, 'the answer to the reused id');
    assert.equal(resultOf<{ session_id: string }>(answersTo(slowId)[2] ?? {}).session_id, sessionId);

    // Twenty streams opened in one burst: each its own id, no listener-leak warning on stderr (§12a).
    const opens = Array.from({ length: 20 }, () =>
      rpc.start('session/stream_open', { session_id: sessionId }),
    );
    const streamIds = new Set<string>();
    for (const id of opens)
      streamIds.add(resultOf<{ stream_id: string }>((await rpc.response(id)).message).stream_id);
    assert.equal(streamIds.size, opens.length);
    for (const streamId of streamIds) await rpc.call('session/stream_close', { stream_id: streamId });
    assert.equal(rpc.stderr, '');
  },
);
