import type { AssistantBlock, StopReason, Usage } from '@rkat/contracts';
import { LlmError, type LlmErrorKind } from '../../src/errors/llm-error.js';
import type { Clock } from '../../src/ports/clock.js';
import type { LlmClient, LlmRequest, LlmResponse, LlmStreamEvent } from '../../src/ports/llm-client.js';

/** One scripted model call: what the client yields for that request. */
export type Step = (request: LlmRequest) => AsyncIterable<LlmStreamEvent>;

export interface RecordedRequest {
  request: LlmRequest;
  /** Virtual time at which the call started. */
  at: number;
}

/** An in-memory `LlmClient` that plays one scripted step per call and records every request. */
export class ScriptedLlm implements LlmClient {
  readonly provider = 'anthropic' as const;
  readonly requests: RecordedRequest[] = [];
  readonly #steps: Step[];
  readonly #clock: Clock | undefined;

  constructor(steps: Step[], clock?: Clock) {
    this.#steps = [...steps];
    this.#clock = clock;
  }

  stream(request: LlmRequest): AsyncIterable<LlmStreamEvent> {
    this.requests.push({
      request: { ...request, messages: [...request.messages] },
      at: this.#clock?.now() ?? 0,
    });
    const step = this.#steps.shift();
    if (step === undefined) throw new Error(`script exhausted at call ${this.requests.length}`);
    return step(request);
  }
}

export const usage = (input = 10, output = 5): Usage => ({
  input_tokens: input,
  output_tokens: output,
  cache_creation_tokens: null,
  cache_read_tokens: null,
});

export const textBlock = (text: string): AssistantBlock => ({ block_type: 'text', data: { text } });
export const reasoningBlock = (text: string): AssistantBlock => ({ block_type: 'reasoning', data: { text } });
export const toolUseBlock = (
  id: string,
  name: string,
  args: Record<string, unknown> = {},
): AssistantBlock => ({
  block_type: 'tool_use',
  data: { id, name, args },
});

export interface ReplyOptions {
  stopReason?: StopReason;
  usage?: Usage;
  /** Text deltas to stream; default: each text block's text as one delta. */
  deltas?: string[];
}

/** A step that streams the reasoning and text of `blocks` as deltas, then yields the response. */
export function reply(blocks: AssistantBlock[], options: ReplyOptions = {}): Step {
  const hasTools = blocks.some((block) => block.block_type === 'tool_use');
  const response: LlmResponse = {
    blocks,
    stopReason: options.stopReason ?? (hasTools ? 'tool_use' : 'end_turn'),
    usage: options.usage ?? usage(),
  };
  return async function* () {
    for (const block of blocks) {
      if (block.block_type === 'reasoning') yield { type: 'reasoning_delta', delta: block.data.text };
    }
    const deltas =
      options.deltas ?? blocks.flatMap((block) => (block.block_type === 'text' ? [block.data.text] : []));
    for (const delta of deltas) yield { type: 'text_delta', delta };
    yield { type: 'response', response };
  };
}

/** A plain text reply. */
export const text = (content: string, options: ReplyOptions = {}): Step =>
  reply([textBlock(content)], options);

/** A reply that calls tools, optionally after some text. */
export function toolCalls(
  calls: Array<{ id: string; name: string; args?: Record<string, unknown> }>,
  options: ReplyOptions & { text?: string } = {},
): Step {
  const blocks = calls.map((call) => toolUseBlock(call.id, call.name, call.args ?? {}));
  return reply(options.text ? [textBlock(options.text), ...blocks] : blocks, options);
}

export function llmError(
  kind: LlmErrorKind,
  options: { status?: number; retryAfterMs?: number; message?: string } = {},
): LlmError {
  return new LlmError(options.message ?? `provider said ${kind}`, {
    kind,
    provider: 'anthropic',
    ...options,
  });
}

/** A step that streams `deltas` and then fails with `error`. */
export function fail(error: Error, deltas: string[] = []): Step {
  return async function* () {
    for (const delta of deltas) yield { type: 'text_delta', delta };
    throw error;
  };
}

/** A step that streams `deltas` and then never yields again until its request is aborted. */
export function stall(deltas: string[] = []): Step {
  return async function* (request) {
    for (const delta of deltas) yield { type: 'text_delta', delta };
    await new Promise<void>((resolve) =>
      request.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    throw new LlmError('request aborted', { kind: 'cancelled', provider: 'anthropic' });
  };
}

/** A step that waits `ms` of virtual time (abortable) before playing `step`. */
export function after(ms: number, clock: Clock, step: Step): Step {
  return async function* (request) {
    try {
      await clock.sleep(ms, request.signal);
    } catch {
      throw new LlmError('request aborted', { kind: 'cancelled', provider: 'anthropic' });
    }
    yield* step(request);
  };
}
