import assert from 'node:assert/strict';
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fakeScript, type FakeStep, type RecordedRequest } from '@rkat/testing/fake-provider';
import type { Message, RpcClient } from './rpc-client.js';
import { TcpJsonlClient } from './tcp-client.js';
import { SystemFixture, resultOf, sessionEvents } from './support.js';

// Reliability rows 25–27 (shared/design/reliability.md): callback tools that fail, hang, get bad arguments or
// answer megabytes, through one real rkat-rpc process (plus one over TCP for the disconnect case).
let fixture: SystemFixture;
let rpc: RpcClient;
const REALM = 'reliability-tools';
/** `tools.tool_timeouts.slow_lookup` of the realm config. */
const SLOW_TIMEOUT_MS = 500;

before(async () => {
  fixture = await SystemFixture.start();
  await mkdir(join(fixture.stateRoot, REALM), { recursive: true });
  const config = ['[tools.tool_timeouts]', `slow_lookup = "${SLOW_TIMEOUT_MS}ms"`];
  await writeFile(join(fixture.stateRoot, REALM, 'config.toml'), `${config.join('\n')}\n`);
  rpc = fixture.spawn(['--realm', REALM]);
  const schema = { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] };
  const tools = ['lookup', 'slow_lookup', 'dump'].map((name) => ({
    name,
    description: `the client's ${name}`,
    input_schema: schema,
  }));
  assert.deepEqual(await rpc.call('tools/register', { tools }), { registered: 3 });
});

after(async () => {
  await fixture.stop();
});

const ANTHROPIC = { name: 'anthropic', model: 'claude-opus-4-7' } as const;
const OPENAI = { name: 'openai-responses', model: 'gpt-5.5' } as const;

type Event = Record<string, unknown> & { type: string };

let markers = 0;

function requestsWith(marker: string): RecordedRequest[] {
  return fixture.fake.requests.filter((request) => JSON.stringify(request.body).includes(marker));
}

function eventsOf(sessionId: string, type: string): Event[] {
  return sessionEvents(rpc, sessionId)
    .map(({ event }) => event as Event)
    .filter((event) => event.type === type);
}

/** A prompt with a unique marker; resets the fake's per-script attempt counters. */
function markedPrompt(steps: FakeStep[]): { marker: string; prompt: string } {
  fixture.fake.reset();
  markers += 1;
  const marker = `[t${markers}]`;
  return { marker, prompt: `${marker} ${fakeScript(steps)}` };
}

/** The second model call of a turn: what the model was told about its tool calls. */
function toolRoundBody(marker: string): string {
  const second = requestsWith(marker).find((request) => request.step === 1);
  assert.ok(second, 'the model was called again after the tool round');
  return JSON.stringify(second.body);
}

async function historyResults(sessionId: string): Promise<{ content: unknown; is_error: boolean }[]> {
  const history = await rpc.call<{
    messages: { role: string; results?: { content: unknown; is_error: boolean }[] }[];
  }>('session/history', { session_id: sessionId });
  return history.messages.flatMap((message) =>
    message.role === 'tool_results' ? (message.results ?? []) : [],
  );
}

for (const format of [ANTHROPIC, OPENAI]) {
  void test(
    `R25 tool-throws: ${format.name} a callback tool whose client rejects or answers garbage gives the model an error result; the loop goes on`,
    { timeout: 60_000 },
    async () => {
      let calls = 0;
      rpc.answer('tool/execute', () => {
        calls += 1;
        return calls === 1
          ? { error: { code: -32000, message: 'lookup backend exploded' } }
          : { result: { content: 42, is_error: 'no' } };
      });
      const { marker, prompt } = markedPrompt([
        {
          tools: [
            { name: 'lookup', args: { key: 'a' }, id: 'call_reject' },
            { name: 'lookup', args: { key: 'b' }, id: 'call_garbage' },
          ],
        },
        { text: 'carried on after the failures' },
      ]);
      const result = resultOf<{ session_id: string; text: string; tool_calls: number }>(
        (await rpc.request('session/create', { model: format.model, prompt })).message,
      );
      assert.equal(result.text, 'carried on after the failures');
      assert.equal(result.tool_calls, 2);
      const completed = eventsOf(result.session_id, 'tool_execution_completed');
      assert.deepEqual(
        completed.map((event) => [event.id, event.is_error]),
        [
          ['call_reject', true],
          ['call_garbage', true],
        ],
      );
      assert.match(String(completed[0]?.result), /lookup backend exploded/);
      assert.match(String(completed[1]?.result), /unusable result/);
      const told = toolRoundBody(marker);
      assert.match(told, /lookup backend exploded/, 'the model received the error message');
      assert.match(told, /unusable result/);
      if (format === ANTHROPIC) assert.match(told, /"is_error":true/);
      // The process survives and serves the next request.
      assert.equal(
        (await rpc.call<{ session_id: string }>('session/read', { session_id: result.session_id }))
          .session_id,
        result.session_id,
      );
    },
  );
}

void test(
  'R26 tool-hangs: a callback the client never answers times out per tool, the turn completes, the channel stays live, a late answer is ignored',
  { timeout: 60_000 },
  async () => {
    rpc.answer('tool/execute', 'ignore');
    const other = resultOf<{ session_id: string }>(
      (await rpc.request('session/create', { prompt: `${fakeScript([{ text: 'bystander' }])}` })).message,
    );
    const executes = rpc.serverRequests('tool/execute').length;
    const { marker, prompt } = markedPrompt([
      { tools: [{ name: 'slow_lookup', args: { key: 'never' }, id: 'call_hang' }] },
      { text: 'finished without the tool' },
    ]);
    const started = Date.now();
    const turn = rpc.start('session/create', { prompt });
    await rpc.waitFor(
      () => rpc.serverRequests('tool/execute').length > executes,
      'the tool/execute callback',
    );
    const hanging = rpc.serverRequests('tool/execute').at(-1) as Message;

    // No deadlock: while the callback hangs, other requests (and other sessions' turns) are served.
    const read = await rpc.call<{ session_id: string }>('session/read', { session_id: other.session_id });
    assert.equal(read.session_id, other.session_id);
    const served = await rpc.call<{ text: string }>('turn/start', {
      session_id: other.session_id,
      prompt: fakeScript([{ text: 'served during the hang' }]),
    });
    assert.equal(served.text, 'served during the hang');
    assert.equal(
      rpc.messages.some((message) => message.id === turn),
      false,
      'the hanging turn was still running while the others were served',
    );

    const result = resultOf<{ session_id: string; text: string }>((await rpc.response(turn)).message);
    const elapsed = Date.now() - started;
    assert.equal(result.text, 'finished without the tool');
    assert.ok(
      elapsed >= SLOW_TIMEOUT_MS && elapsed < 10_000,
      `the per-tool timeout ended the wait (${elapsed} ms)`,
    );
    const timedOut = eventsOf(result.session_id, 'tool_execution_timed_out');
    assert.deepEqual(
      timedOut.map((event) => [event.id, event.timeout_ms]),
      [['call_hang', SLOW_TIMEOUT_MS]],
    );
    assert.match(toolRoundBody(marker), /timed out/);

    // The client answers late: the reply is ignored, nothing changes, and the process keeps serving.
    rpc.send({ jsonrpc: '2.0', id: hanging.id, result: { content: 'LATE-ANSWER', is_error: false } });
    const results = await historyResults(result.session_id);
    assert.deepEqual(
      results.map((entry) => entry.is_error),
      [true],
    );
    assert.doesNotMatch(JSON.stringify(results), /LATE-ANSWER/);
    const next = await rpc.call<{ text: string }>('turn/start', {
      session_id: result.session_id,
      prompt: fakeScript([{ text: 'resumed after the hang' }]),
    });
    assert.equal(next.text, 'resumed after the hang');
    assert.doesNotMatch(JSON.stringify(await historyResults(result.session_id)), /LATE-ANSWER/);
  },
);

void test(
  'R26 tool-hangs: the callback host disconnects mid-call over TCP; the hang ends at once, other clients are served, the session resumes',
  { timeout: 60_000 },
  async () => {
    const server = fixture.spawn(['--realm', REALM, '--instance', 'tools-tcp', '--tcp', '127.0.0.1:0'], {
      env: fixture.env({ RKAT_LOG: 'info' }),
    });
    const port = Number((await server.waitForStderr(/listening \{"host":"[^"]+","port":(\d+)\}/))[1]);
    const host = await TcpJsonlClient.connect(port);
    const observer = await TcpJsonlClient.connect(port);
    try {
      const tool = {
        name: 'remote_lookup',
        description: 'answered by the host that disconnects',
        input_schema: { type: 'object', properties: {} },
      };
      const { prompt } = markedPrompt([
        { tools: [{ name: 'remote_lookup', id: 'call_orphan' }] },
        { text: 'unreachable' },
      ]);
      host.send({
        jsonrpc: '2.0',
        id: 1,
        method: 'session/create',
        params: { prompt, external_tools: [tool] },
      });
      const deadline = Date.now() + 10_000;
      while (!host.messages.some((message) => message.method === 'tool/execute')) {
        assert.ok(Date.now() < deadline, 'the tool/execute callback reached the host');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const created = host.messages.find(
        (message) => message.method === 'session/event' && typeof message.params?.session_id === 'string',
      );
      const sessionId = String(created?.params?.session_id);
      const disconnectedAt = Date.now();
      host.destroy();

      // The other client is served, and sees the session go idle long before the 30 s callback timeout.
      let idle = false;
      for (let id = 10; !idle; id += 1) {
        assert.ok(Date.now() - disconnectedAt < 5_000, 'the disconnect ended the hanging call promptly');
        observer.send({ jsonrpc: '2.0', id, method: 'session/read', params: { session_id: sessionId } });
        const read = await observer.response(id);
        idle = (read.result as { is_active: boolean }).is_active === false;
        if (!idle) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      observer.send({
        jsonrpc: '2.0',
        id: 100,
        method: 'turn/start',
        params: { session_id: sessionId, prompt: fakeScript([{ text: 'resumed by another client' }]) },
      });
      const resumed = await observer.response(100);
      assert.equal((resumed.result as { text: string }).text, 'resumed by another client');
      observer.send({
        jsonrpc: '2.0',
        id: 101,
        method: 'session/history',
        params: { session_id: sessionId },
      });
      const history = (await observer.response(101)).result as {
        messages: { role: string; results?: unknown[] }[];
      };
      const results = history.messages.flatMap((message) =>
        message.role === 'tool_results' ? (message.results ?? []) : [],
      );
      assert.equal(results.length, 1, 'the orphaned call has exactly one result');
      assert.equal((results[0] as { is_error: boolean }).is_error, true);
    } finally {
      host.destroy();
      observer.destroy();
    }
  },
);

void test(
  'R27 tool-bad-args-and-huge-output: arguments violating the schema go back to the model as an error; the tool is not run',
  { timeout: 60_000 },
  async () => {
    rpc.answer('tool/execute', { result: { content: 'should never run', is_error: false } });
    const executes = rpc.serverRequests('tool/execute').length;
    const { marker, prompt } = markedPrompt([
      {
        tools: [
          { name: 'lookup', args: { key: 42 }, id: 'call_wrong_type' },
          { name: 'lookup', args: {}, id: 'call_missing' },
        ],
      },
      { text: 'fixed my arguments' },
    ]);
    const result = resultOf<{ session_id: string; text: string }>(
      (await rpc.request('session/create', { prompt })).message,
    );
    assert.equal(result.text, 'fixed my arguments');
    assert.equal(rpc.serverRequests('tool/execute').length, executes, 'no tool/execute was sent');
    const completed = eventsOf(result.session_id, 'tool_execution_completed');
    assert.deepEqual(
      completed.map((event) => event.is_error),
      [true, true],
    );
    for (const event of completed) assert.match(String(event.result), /invalid arguments for tool lookup/);
    const told = toolRoundBody(marker);
    assert.match(told, /invalid arguments for tool lookup/);
    assert.doesNotMatch(told, /should never run/);
  },
);

/** Every byte of the realm's SQLite database and its WAL. */
async function databaseBytes(): Promise<Buffer> {
  const directory = join(fixture.stateRoot, REALM);
  const files = (await readdir(directory)).filter((name) => /^sessions\.sqlite3(-wal)?$/.test(name));
  return Buffer.concat(await Promise.all(files.map((name) => readFile(join(directory, name)))));
}

function occurrences(haystack: Buffer, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count += 1;
  return count;
}

void test(
  'R27 tool-bad-args-and-huge-output: a megabytes result is bounded with a truncation marker and stored once',
  { timeout: 60_000 },
  async () => {
    const huge = `HUGE-OUTPUT-START ${'y'.repeat(4 * 1024 * 1024)}`;
    rpc.answer('tool/execute', { result: { content: huge, is_error: false } });
    const before = (await databaseBytes()).length;
    const { marker, prompt } = markedPrompt([
      { tools: [{ name: 'dump', args: { key: 'all' }, id: 'call_dump' }] },
      { text: 'skimmed the dump' },
    ]);
    const result = resultOf<{ session_id: string; text: string }>(
      (await rpc.request('session/create', { prompt })).message,
    );
    assert.equal(result.text, 'skimmed the dump');
    const [completed] = eventsOf(result.session_id, 'tool_execution_completed');
    const bounded = String(completed?.result);
    const truncation = new RegExp(`\\n\\[truncated: \\d+ of ${Buffer.byteLength(huge)} bytes omitted\\]$`);
    assert.match(bounded, truncation);
    assert.ok(bounded.startsWith('HUGE-OUTPUT-START yyy'));
    assert.ok(Buffer.byteLength(bounded) <= 256 * 1024, `bounded to ${Buffer.byteLength(bounded)} bytes`);
    const sent = requestsWith(marker).find((request) => request.step === 1);
    assert.ok(sent && JSON.stringify(sent.body).length < 512 * 1024, 'the model got the bounded result');
    assert.match(JSON.stringify(sent.body), /\[truncated: \d+ of \d+ bytes omitted\]/);
    const [stored] = await historyResults(result.session_id);
    assert.equal(stored?.content, bounded, 'the transcript holds the bounded result');

    const database = await databaseBytes();
    const markerText = bounded.slice(bounded.lastIndexOf('[truncated:'));
    assert.equal(occurrences(database, markerText), 1, 'the bounded result is stored once');
    assert.ok(
      database.length - before < 2 * 1024 * 1024,
      `the store grew by ${database.length - before} bytes for a ${huge.length}-byte output`,
    );
  },
);
