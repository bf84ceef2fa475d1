import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { TurnErrorMetadata } from '@rkat/contracts';
import { fakeScript, type FakeStep, type RecordedRequest } from '@rkat/testing/fake-provider';
import type { Message, RpcClient } from './rpc-client.js';
import { SystemFixture, assertShape, errorOf, resultOf, sessionEvents } from './support.js';

// Reliability rows 19–24 (shared/design/reliability.md): provider faults from the fake provider, through one
// real rkat-rpc process whose realm config makes back-off and the stall watchdog short.
let fixture: SystemFixture;
let rpc: RpcClient;
const REALM = 'reliability-provider';
const MAX_RETRIES = 2;
const INITIAL_DELAY_MS = 40;
const STALL_TIMEOUT_MS = 400;

before(async () => {
  fixture = await SystemFixture.start();
  await mkdir(join(fixture.stateRoot, REALM), { recursive: true });
  const config = [
    '[retry]',
    `max_retries = ${MAX_RETRIES}`,
    `initial_delay = "${INITIAL_DELAY_MS}ms"`,
    'max_delay = "1s"',
    'multiplier = 2',
    `stream_idle_timeout = "${STALL_TIMEOUT_MS}ms"`,
    '',
    '[self_hosted.servers.fake]',
    `base_url = "${fixture.fake.url}/v1"`,
    'api_style = "chat_completions"',
    '',
    '[self_hosted.models.fake-local]',
    'server = "fake"',
    'remote_model = "fake-model"',
  ];
  await writeFile(join(fixture.stateRoot, REALM, 'config.toml'), `${config.join('\n')}\n`);
  rpc = fixture.spawn(['--realm', REALM]);
});

after(async () => {
  await fixture.stop();
});

/** The formats the rows run on, by the model that selects them. */
const ANTHROPIC = { name: 'anthropic', model: 'claude-opus-4-7' } as const;
const OPENAI = { name: 'openai-responses', model: 'gpt-5.5' } as const;
const CHAT = { name: 'chat-completions', model: 'fake-local' } as const;
const GEMINI = { name: 'gemini', model: 'gemini-3-flash-preview' } as const;
type Format = typeof ANTHROPIC | typeof OPENAI | typeof CHAT | typeof GEMINI;

type Event = Record<string, unknown> & { type: string };

interface Turn {
  marker: string;
  sessionId: string;
  message: Message;
  events: Event[];
  /** The fake's requests of this turn (their body carries the marker), in arrival order. */
  requests: RecordedRequest[];
  elapsedMs: number;
}

let markers = 0;

function requestsWith(marker: string): RecordedRequest[] {
  return fixture.fake.requests.filter((request) => JSON.stringify(request.body).includes(marker));
}

/**
 * Runs one scripted turn: `session/create` on `format` or, with `sessionId`, `turn/start`. The prompt carries
 * a unique marker so the fake's requests of this turn can be told apart.
 */
async function runTurn(format: Format, steps: FakeStep[], sessionId?: string): Promise<Turn> {
  // The fake counts attempts per script for `times` and `fault_times`; every turn starts from zero.
  fixture.fake.reset();
  markers += 1;
  const marker = `[m${markers}-${format.name}]`;
  const prompt = `${marker} ${fakeScript(steps)}`;
  const started = Date.now();
  const { message } =
    sessionId === undefined
      ? await rpc.request('session/create', { model: format.model, prompt })
      : await rpc.request('turn/start', { session_id: sessionId, prompt });
  const elapsedMs = Date.now() - started;
  const id =
    sessionId ??
    (message.error
      ? (message.error.data as { session_id: string }).session_id
      : (message.result as { session_id: string }).session_id);
  const events = eventsOfLastRun(sessionEvents(rpc, id).map(({ event }) => event as Event));
  return { marker, sessionId: id, message, events, requests: requestsWith(marker), elapsedMs };
}

/** The events from the last `run_started` on. */
function eventsOfLastRun(events: Event[]): Event[] {
  const start = events.map((event) => event.type).lastIndexOf('run_started');
  return start === -1 ? events : events.slice(start);
}

function ofType(events: Event[], type: string): Event[] {
  return events.filter((event) => event.type === type);
}

/** A failed turn: -32010, `turn abandoned: …`, TurnErrorMetadata; returns the metadata and `run_failed`. */
function failedTurn(turn: Turn): { data: TurnErrorMetadata; runFailed: Event } {
  const error = errorOf(turn.message);
  assert.equal(error.code, -32010, JSON.stringify(error));
  assert.match(error.message, /^turn abandoned: /);
  const data = (error.data as { error: TurnErrorMetadata }).error;
  assertShape(TurnErrorMetadata, data, 'data.error');
  const runFailed = ofType(turn.events, 'run_failed').at(-1);
  assert.ok(runFailed, 'the run ended with run_failed');
  return { data, runFailed };
}

/** "Resumable": `session/read` succeeds and a new turn runs (reliability.md conventions). */
async function assertResumable(format: Format, sessionId: string): Promise<void> {
  const read = await rpc.call<{ session_id: string; is_active: boolean }>('session/read', {
    session_id: sessionId,
  });
  assert.equal(read.is_active, false);
  const next = await runTurn(format, [{ text: 'resumed fine' }], sessionId);
  assert.equal(resultOf<{ text: string }>(next.message).text, 'resumed fine');
}

/** The gaps between consecutive requests, in ms. */
function gaps(requests: RecordedRequest[]): number[] {
  return requests
    .slice(1)
    .map((request, index) => request.receivedAtMs - (requests[index]?.receivedAtMs ?? 0));
}

for (const format of [ANTHROPIC, OPENAI]) {
  void test(
    `R19 provider-429-retry-after: ${format.name} waits the advised delay, retries and succeeds`,
    { timeout: 60_000 },
    async () => {
      const turn = await runTurn(format, [
        { error: { status: 429, retry_after: 1, times: 1 }, text: 'after the wait' },
      ]);
      assert.equal(resultOf<{ text: string }>(turn.message).text, 'after the wait');
      assert.deepEqual(
        turn.requests.map((request) => [request.attempt, request.status]),
        [
          [1, 429],
          [2, 200],
        ],
      );
      const retrying = ofType(turn.events, 'retrying');
      assert.deepEqual(
        retrying.map((event) => [event.attempt, event.max_attempts, event.delay_ms]),
        [[1, MAX_RETRIES, 1000]],
        'one retry, visible in the events, with the advised delay',
      );
      const [gap] = gaps(turn.requests);
      assert.ok(gap !== undefined && gap >= 950, `waited ${gap} ms for a 1 s retry-after`);
      const types = turn.events.map((event) => event.type);
      assert.ok(types.indexOf('retrying') < types.indexOf('text_delta'), 'the retry precedes the output');
    },
  );
}

void test(
  'R19 provider-429-retry-after: an advised delay longer than the cap waits the cap (60 s), and an interrupt ends the wait',
  { timeout: 60_000 },
  async () => {
    fixture.fake.reset();
    markers += 1;
    const marker = `[m${markers}-cap]`;
    const id = rpc.start('session/create', {
      model: ANTHROPIC.model,
      prompt: `${marker} ${fakeScript([{ error: { status: 429, retry_after: 3600 } }])}`,
    });
    const retrying = (
      await rpc.waitForNotifications('session/event', (message) => {
        const event = message.params?.event as Event | undefined;
        return event?.type === 'retrying' && requestsWith(marker).length === 1;
      })
    ).at(-1);
    const event = retrying?.params?.event as Event;
    assert.equal(event.delay_ms, 60_000, 'retry-after 3600 s is capped at 60 s');
    const sessionId = String(retrying?.params?.session_id);
    assert.deepEqual(await rpc.call('turn/interrupt', { session_id: sessionId }), { interrupted: true });
    assert.equal(errorOf((await rpc.response(id)).message).code, -32005);
    assert.equal(requestsWith(marker).length, 1, 'no attempt after the interrupt');
    await assertResumable(ANTHROPIC, sessionId);
  },
);

for (const [format, status] of [
  [ANTHROPIC, 529],
  [OPENAI, 503],
  [CHAT, 500],
  [ANTHROPIC, 500],
] as const) {
  void test(
    `R20 provider-overloaded-and-5xx: ${format.name} ${status} on every attempt backs off exponentially, then fails retry_exhausted`,
    { timeout: 60_000 },
    async () => {
      const turn = await runTurn(format, [{ error: { status } }]);
      const { data, runFailed } = failedTurn(turn);
      assert.equal(data.kind, 'retry_exhausted');
      assert.equal(data.retryable, true);
      assert.match(String(errorOf(turn.message).message), new RegExp(`after ${MAX_RETRIES} retries`));
      assert.equal(runFailed.terminal_cause_kind, 'retry_exhausted');
      assert.equal(turn.requests.length, MAX_RETRIES + 1, 'the first call and every retry of the budget');
      const delays = ofType(turn.events, 'retrying').map((event) => Number(event.delay_ms));
      assert.equal(delays.length, MAX_RETRIES);
      delays.forEach((delay, index) => {
        const base = INITIAL_DELAY_MS * 2 ** index;
        assert.ok(delay >= base * 0.9 && delay <= base * 1.1, `retry ${index + 1}: ${delay} ms ≈ ${base} ms`);
      });
      gaps(turn.requests).forEach((gap, index) => {
        assert.ok(gap >= (delays[index] ?? 0) - 5, `waited ${gap} ms before retry ${index + 1}`);
      });
      assert.ok(turn.elapsedMs < 5_000, `within the budget (${turn.elapsedMs} ms)`);
      await assertResumable(format, turn.sessionId);
    },
  );
}

/** What each non-retryable fault must be reported as: the error report's reason names the class. */
const NON_RETRYABLE: { label: string; step: FakeStep; reason: Record<string, unknown> }[] = [
  {
    label: '400',
    step: { error: { status: 400, message: 'malformed request' } },
    reason: { reason_type: 'llm_provider_error', provider_error_kind: 'invalid_request' },
  },
  { label: '401', step: { error: { status: 401 } }, reason: { reason_type: 'llm_auth_error' } },
  { label: '404 model', step: { error: { status: 404 } }, reason: { reason_type: 'llm_invalid_model' } },
  {
    label: 'context overflow',
    step: { error: { kind: 'context_exceeded' } },
    reason: { reason_type: 'llm_provider_error', provider_error_kind: 'context_exceeded' },
  },
];

for (const format of [ANTHROPIC, OPENAI]) {
  for (const { label, step, reason } of NON_RETRYABLE) {
    void test(
      `R21 provider-non-retryable: ${format.name} ${label} is not retried and fails typed`,
      { timeout: 60_000 },
      async () => {
        const turn = await runTurn(format, [step]);
        const { data, runFailed } = failedTurn(turn);
        assert.equal(turn.requests.length, 1, 'exactly one request: no retry');
        assert.deepEqual(ofType(turn.events, 'retrying'), []);
        assert.equal(data.kind, 'llm_failure');
        assert.equal(data.retryable, false);
        assert.equal(runFailed.error_class, 'llm');
        const report = runFailed.error_report as { reason: Record<string, unknown> };
        for (const [key, value] of Object.entries(reason)) {
          assert.equal(report.reason[key], value, `error_report.reason.${key} of ${JSON.stringify(report)}`);
        }
        await assertResumable(format, turn.sessionId);
      },
    );
  }
}

/** The assistant messages the session's history holds. */
async function assistantTexts(sessionId: string): Promise<string[]> {
  const history = await rpc.call<{ messages: Record<string, unknown>[] }>('session/history', {
    session_id: sessionId,
  });
  return history.messages
    .filter((message) => message.role === 'block_assistant' || message.role === 'assistant')
    .map((message) => JSON.stringify(message));
}

for (const format of [ANTHROPIC, OPENAI, CHAT]) {
  void test(
    `R22 stream-cut: ${format.name} cut before any visible output is retried and the turn succeeds`,
    { timeout: 60_000 },
    async () => {
      for (const fault of [{ cut_after: 0 }, { cut_after_bytes: 25 }, { error_event_after: 0 }]) {
        const turn = await runTurn(format, [{ text: 'whole answer', fault_times: 1, ...fault }]);
        assert.equal(resultOf<{ text: string }>(turn.message).text, 'whole answer', JSON.stringify(fault));
        assert.equal(turn.requests.length, 2, `${JSON.stringify(fault)}: one retry`);
        assert.equal(ofType(turn.events, 'retrying').length, 1);
        const deltas = ofType(turn.events, 'text_delta').map((event) => event.delta);
        assert.equal(deltas.join(''), 'whole answer', 'the output was streamed once');
      }
    },
  );

  void test(
    `R22 stream-cut: ${format.name} cut or error event after visible output is not replayed; the turn fails typed`,
    { timeout: 60_000 },
    async () => {
      // 100 chunks: a cut at 8000 bytes falls after the head and a few deltas, long before the end, in every format.
      const text = 'a partial answer that never completes. '.repeat(10).slice(0, 400);
      for (const fault of [{ cut_after: 2 }, { cut_after_bytes: 8_000 }, { error_event_after: 2 }]) {
        const turn = await runTurn(format, [{ text, ...fault }]);
        const { runFailed } = failedTurn(turn);
        assert.equal(turn.requests.length, 1, `${JSON.stringify(fault)}: no silent replay`);
        assert.deepEqual(ofType(turn.events, 'retrying'), []);
        assert.equal(runFailed.error_class, 'llm');
        const streamed = ofType(turn.events, 'text_delta')
          .map((event) => event.delta)
          .join('');
        assert.ok(
          streamed.length > 0 && text.startsWith(streamed) && streamed !== text,
          `partial: ${streamed}`,
        );
        assert.deepEqual(ofType(turn.events, 'run_completed'), [], 'never presented as a complete turn');
        assert.ok(
          (await assistantTexts(turn.sessionId)).every((message) => !message.includes(streamed)),
          'the partial answer was not committed as an assistant reply',
        );
        await assertResumable(format, turn.sessionId);
      }
    },
  );
}

for (const format of [ANTHROPIC, OPENAI, CHAT]) {
  void test(
    `R23 stream-stall: ${format.name} keepalives only — the watchdog aborts, the stall is retried, the turn succeeds`,
    { timeout: 60_000 },
    async () => {
      const turn = await runTurn(format, [
        { text: 'after the stall', stall_after: 0, keepalive_ms: 50, fault_times: 1 },
      ]);
      assert.equal(resultOf<{ text: string }>(turn.message).text, 'after the stall');
      assert.equal(turn.requests.length, 2);
      const [retrying] = ofType(turn.events, 'retrying');
      assert.match(
        String(retrying?.error),
        new RegExp(`stream stalled: no event for ${STALL_TIMEOUT_MS} ms`),
      );
      const [gap] = gaps(turn.requests);
      assert.ok(gap !== undefined && gap >= STALL_TIMEOUT_MS, `the watchdog waited ${gap} ms`);
    },
  );

  void test(
    `R23 stream-stall: ${format.name} stall after visible output fails as a retryable stall, no hang`,
    { timeout: 60_000 },
    async () => {
      const turn = await runTurn(format, [{ text: 'starts then stalls', stall_after: 1, keepalive_ms: 50 }]);
      const { data, runFailed } = failedTurn(turn);
      assert.equal(data.retryable, true, 'the stall error is retryable in kind');
      assert.match(String(runFailed.error), /stream stalled/);
      assert.equal(turn.requests.length, 1, 'not retried after visible output');
      assert.ok(turn.elapsedMs < STALL_TIMEOUT_MS + 5_000, `ended after ${turn.elapsedMs} ms`);
      await assertResumable(format, turn.sessionId);
    },
  );
}

void test(
  'R24 provider-wire-quirks: chat-completions usage chunk after finish_reason gives the right usage, in order',
  { timeout: 60_000 },
  async () => {
    const turn = await runTurn(CHAT, [{ text: 'counted', usage: { input: 11, output: 7, cache_read: 3 } }]);
    const result = resultOf<{ usage: Record<string, unknown> }>(turn.message);
    assert.equal(result.usage.input_tokens, 14);
    assert.equal(result.usage.output_tokens, 7);
    assert.equal(result.usage.cache_read_tokens, 3);
    const types = turn.events.map((event) => event.type);
    const completed = ofType(turn.events, 'turn_completed')[0] as { usage?: Record<string, unknown> };
    assert.equal(completed.usage?.output_tokens, 7);
    assert.ok(types.lastIndexOf('text_delta') < types.indexOf('turn_completed'));
    assert.ok(types.indexOf('turn_completed') < types.indexOf('run_completed'));
  },
);

for (const format of [CHAT, GEMINI]) {
  void test(
    `R24 provider-wire-quirks: ${format.name} reasoning and text in one chunk both arrive, reasoning first`,
    { timeout: 60_000 },
    async () => {
      // Chunk size 14: the whole reasoning and the whole text travel in the same single chunk.
      const turn = await runTurn(format, [
        { reasoning: 'weighing it up', text: 'decided', chunk: 14, reasoning_with_text: true },
      ]);
      assert.equal(resultOf<{ text: string }>(turn.message).text, 'decided');
      const deltas = turn.events
        .filter((event) => event.type === 'reasoning_delta' || event.type === 'text_delta')
        .map((event) => [event.type, event.delta]);
      assert.deepEqual(deltas, [
        ['reasoning_delta', 'weighing it up'],
        ['text_delta', 'decided'],
      ]);
      const types = turn.events.map((event) => event.type);
      assert.ok(types.indexOf('text_delta') < types.indexOf('turn_completed'));
      const history = await rpc.call<{
        messages: { role: string; blocks?: { block_type: string; data: { text?: string } }[] }[];
      }>('session/history', { session_id: turn.sessionId });
      const reply = history.messages.find((message) => message.role === 'block_assistant');
      assert.deepEqual(
        reply?.blocks?.map((block) => [block.block_type, block.data.text]).filter(([, text]) => text !== ''),
        [
          ['reasoning', 'weighing it up'],
          ['text', 'decided'],
        ],
      );
    },
  );
}

for (const format of [CHAT, ANTHROPIC]) {
  void test(
    `R24 provider-wire-quirks: ${format.name} end of stream before any content is an error`,
    { timeout: 60_000 },
    async () => {
      const turn = await runTurn(format, [{ text: 'never sent', done_after: 0 }]);
      const { runFailed } = failedTurn(turn);
      assert.match(String(runFailed.error), /stream ended before its terminal event/);
      assert.deepEqual(ofType(turn.events, 'text_delta'), []);
      await assertResumable(format, turn.sessionId);
    },
  );

  void test(
    `R24 provider-wire-quirks: ${format.name} reasoning-only answer is a valid turn`,
    { timeout: 60_000 },
    async () => {
      const turn = await runTurn(format, [{ reasoning: 'thinking, but saying nothing' }]);
      const result = resultOf<{ text: string }>(turn.message);
      assert.equal(result.text, '');
      assert.equal(
        ofType(turn.events, 'reasoning_delta')
          .map((event) => event.delta)
          .join(''),
        'thinking, but saying nothing',
      );
      assert.equal(ofType(turn.events, 'run_completed').length, 1);
      await assertResumable(format, turn.sessionId);
    },
  );
}
