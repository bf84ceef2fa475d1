import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LlmClient, LlmErrorKind, LlmRequest } from '@rkat/core';
import type { AssistantBlock, Usage } from '@rkat/contracts';
import {
  fakeScript,
  startFakeProvider,
  type FakeProvider,
  type FakeStep,
  type RecordedRequest,
} from '@rkat/testing/fake-provider';
import { AT, makeRequest, user, WEATHER_TOOL } from '../helpers/requests.js';
import { assistantMessage, collect, failure, responseText } from './fake-harness.js';

/** What differs between wire formats; everything else is checked the same way for all four. */
export interface WireCase {
  format: RecordedRequest['format'];
  model: string;
  /** The API key the client sends (checked never to appear in an error message); undefined when none. */
  apiKey: string | undefined;
  makeClient(
    fake: FakeProvider,
    options?: { callTimeoutMs?: number; env?: Record<string, string> },
  ): LlmClient;
  /** Usage reported for the step usage `{input: 11, output: 7, cache_read: 3, cache_creation: 2}`. */
  usage: Usage;
  /** The tool result as the second request carried it, or undefined when absent. */
  toolResultIn(body: Record<string, unknown>): unknown;
  expectedToolResult: unknown;
  /** Checks the reasoning reply's blocks carry the provider's replay metadata. */
  checkReasoningBlocks(blocks: AssistantBlock[]): void;
  /** True when the follow-up request treats the reasoning as the provider requires (replayed or left out). */
  reasoningReplayedAsExpected(body: Record<string, unknown>): boolean;
  /** Checks the structured-output lowering in the recorded request. */
  checkStructuredOutput(record: RecordedRequest, schema: Record<string, unknown>): void;
  /** The kind an in-stream error event becomes. */
  inStreamErrorKind: LlmErrorKind;
}

const TIMEOUT = { timeout: 5000 };

export function runWireSuite(wire: WireCase): void {
  void describe(`${wire.format} client against the fake provider`, () => {
    let fake: FakeProvider;
    let client: LlmClient;
    before(async () => {
      fake = await startFakeProvider();
      client = wire.makeClient(fake);
    });
    after(() => fake.close());

    const request = (steps: FakeStep[], overrides: Partial<LlmRequest> = {}): LlmRequest =>
      makeRequest({ model: wire.model, messages: [user(`go ${fakeScript(steps)}`)], ...overrides });
    const lastRecord = (): RecordedRequest => {
      const record = fake.requests.at(-1);
      assert.ok(record);
      assert.equal(record.format, wire.format);
      return record;
    };
    const bodyOf = (record: RecordedRequest) => record.body as Record<string, unknown>;

    void test('streams text deltas and ends with one response carrying usage', TIMEOUT, async () => {
      const usage = { input: 11, output: 7, cache_read: 3, cache_creation: 2 };
      const result = await collect(client, request([{ text: 'Hello there, world', usage }]));
      assert.equal(result.text, 'Hello there, world');
      assert.ok(result.deltas.length >= 4, 'several deltas, as they arrive');
      assert.equal(responseText(result.response), 'Hello there, world');
      assert.equal(result.response.stopReason, 'end_turn');
      assert.deepEqual(result.response.usage, wire.usage);
      assert.equal(lastRecord().status, 200);
    });

    void test('tool call round trip: the second request carries the tool result', TIMEOUT, async () => {
      const first = request([
        { tools: [{ name: 'get_weather', args: { city: 'Paris' }, id: 'call_paris' }] },
        { text: 'It is sunny.' },
      ]);
      const call = await collect(client, { ...first, tools: [WEATHER_TOOL] });
      assert.equal(call.response.stopReason, 'tool_use');
      const toolUse = call.response.blocks.find((block) => block.block_type === 'tool_use');
      assert.ok(toolUse?.block_type === 'tool_use');
      assert.equal(toolUse.data.id, 'call_paris');
      assert.equal(toolUse.data.name, 'get_weather');
      assert.deepEqual(toolUse.data.args, { city: 'Paris' });

      const second = await collect(client, {
        ...first,
        tools: [WEATHER_TOOL],
        messages: [
          ...first.messages,
          assistantMessage(call.response),
          {
            role: 'tool_results',
            results: [{ tool_use_id: 'call_paris', content: 'sunny', is_error: false }],
            created_at: AT,
          },
        ],
      });
      assert.equal(second.text, 'It is sunny.');
      assert.deepEqual(wire.toolResultIn(bodyOf(lastRecord())), wire.expectedToolResult);
    });

    void test('reasoning streams as reasoning deltas and its metadata is replayed', TIMEOUT, async () => {
      const first = request([{ reasoning: 'thinking it over', text: 'answer' }, { text: 'second' }]);
      const call = await collect(client, first);
      assert.equal(call.text, 'answer');
      assert.equal(call.reasoning, 'thinking it over');
      wire.checkReasoningBlocks(call.response.blocks);
      const next = await collect(client, {
        ...first,
        messages: [...first.messages, assistantMessage(call.response), user('and then?')],
      });
      assert.equal(next.text, 'second');
      assert.equal(wire.reasoningReplayedAsExpected(bodyOf(lastRecord())), true);
    });

    void test('structured output is lowered into the request', TIMEOUT, async () => {
      const schema = {
        type: 'object',
        properties: { answer: { type: 'integer', multipleOf: 2 } },
        required: ['answer'],
      };
      const result = await collect(
        client,
        request([{ json: { answer: 42 } }], { outputFormat: { schema, name: 'output', strict: true } }),
      );
      assert.equal(result.text, '{"answer":42}');
      wire.checkStructuredOutput(lastRecord(), schema);
      if (wire.format === 'gemini') {
        assert.deepEqual(result.response.schemaWarnings, [
          {
            provider: 'gemini',
            path: '/properties/answer/multipleOf',
            message: "Keyword 'multipleOf' may be ignored by Gemini responseJsonSchema",
          },
        ]);
      } else {
        assert.equal(result.response.schemaWarnings, undefined);
      }
    });

    void test('429 with retry-after is rate_limited with retryAfterMs', TIMEOUT, async () => {
      const { error } = await failure(
        client,
        request([{ error: { status: 429, retry_after: 2 } }]),
        'rate_limited',
      );
      assert.equal(error.retryable, true);
      assert.equal(error.retryAfterMs, 2000);
      assert.equal(error.status, 429);
      assert.equal(error.provider, wire.makeClient(fake).provider);
      assert.match(error.message, new RegExp(`^${error.provider} .*HTTP 429`));
    });

    for (const [status, kind] of [
      [529, 'overloaded'],
      [500, 'server_error'],
      [503, 'server_error'],
    ] as const) {
      void test(`${status} is retryable ${kind}`, TIMEOUT, async () => {
        const { error } = await failure(client, request([{ error: { status } }]), kind);
        assert.equal(error.retryable, true);
        assert.equal(error.status, status);
      });
    }

    for (const [status, kind] of [
      [400, 'invalid_request'],
      [401, 'auth'],
      [403, 'permission'],
      [404, 'not_found'],
    ] as const) {
      void test(`${status} is non-retryable ${kind}`, TIMEOUT, async () => {
        const { error } = await failure(client, request([{ error: { status } }]), kind);
        assert.equal(error.retryable, false);
        assert.equal(error.status, status);
      });
    }

    void test(
      'a context overflow is context_exceeded; error messages never carry the key',
      TIMEOUT,
      async () => {
        const { error } = await failure(
          client,
          request([{ error: { kind: 'context_exceeded' } }]),
          'context_exceeded',
        );
        assert.equal(error.retryable, false);
        if (wire.apiKey) {
          const leaked = await failure(
            client,
            request([{ error: { status: 400, message: `bad key ${wire.apiKey}` } }]),
            'invalid_request',
          );
          assert.ok(!leaked.error.message.includes(wire.apiKey), leaked.error.message);
          assert.match(leaked.error.message, /bad key \[redacted\]/);
        }
      },
    );

    void test('a cut stream is a network failure after the deltas already seen', TIMEOUT, async () => {
      const { error, deltas } = await failure(
        client,
        request([{ text: 'a fairly long answer that will be cut', cut_after: 2 }]),
        'network',
      );
      assert.equal(error.retryable, true);
      assert.ok(deltas.length >= 1 && deltas.every((event) => event.type === 'text_delta'));
    });

    void test(`an in-stream error event is ${wire.inStreamErrorKind}`, TIMEOUT, async () => {
      const { error } = await failure(
        client,
        request([{ text: 'partial answer here', error_event_after: 1 }]),
        wire.inStreamErrorKind,
      );
      assert.equal(error.retryable, true);
    });

    void test('aborting the signal mid-stream is cancelled', TIMEOUT, async () => {
      const controller = new AbortController();
      const stream = client.stream(
        request([{ text: 'slow answer streaming in pieces', delay_ms: 30 }], { signal: controller.signal }),
      );
      await assert.rejects(
        (async () => {
          for await (const event of stream) if (event.type === 'text_delta') controller.abort();
        })(),
        (error: unknown) => error instanceof Error && 'kind' in error && error.kind === 'cancelled',
      );
    });

    void test('an already aborted signal is cancelled without a request', TIMEOUT, async () => {
      const before = fake.requests.length;
      await failure(client, request([{ text: 'x' }], { signal: AbortSignal.abort() }), 'cancelled');
      assert.equal(fake.requests.length, before);
    });

    void test('a stalled stream fails with call_timeout when a call timeout is set', TIMEOUT, async () => {
      const timed = wire.makeClient(fake, { callTimeoutMs: 300 });
      const { error } = await failure(
        timed,
        request([{ text: 'stalling answer', stall_after: 1 }]),
        'call_timeout',
      );
      assert.equal(error.retryable, true);
    });
  });
}
