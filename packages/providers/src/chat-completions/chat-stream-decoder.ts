import { randomUUID } from 'node:crypto';
import type { LlmResponse, LlmStreamEvent } from '@rkat/core';
import type { AssistantBlock, StopReason, Usage } from '@rkat/contracts';
import { asObject, objectList, stringField, type LooseObject } from '../shared/loose.js';
import type { StreamDecoder } from '../shared/stream-decoder.js';
import { parseToolArguments } from '../shared/tool-arguments.js';
import { emptyUsage, optionalTokenCount, tokenCount } from '../shared/usage.js';

interface PendingCall {
  id: string;
  name: string;
  json: string;
}

const FINISH_REASONS: Record<string, StopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'content_filter',
};

/**
 * Decodes Chat Completions chunks: content and `reasoning_content` (or `reasoning`) deltas, tool calls
 * assembled from index-keyed deltas, the finish reason, and usage, which may arrive in a later chunk.
 */
export class ChatStreamDecoder implements StreamDecoder<unknown> {
  private text = '';
  private reasoning = '';
  private readonly calls = new Map<number, PendingCall>();
  private finishReason: string | undefined;
  private usage: Usage | undefined;
  private content = false;

  get hasContent(): boolean {
    return this.content;
  }

  push(chunk: unknown): LlmStreamEvent[] {
    const object = asObject(chunk) ?? {};
    const usage = asObject(object.usage);
    if (usage) this.usage = this.usageOf(usage);
    const events: LlmStreamEvent[] = [];
    for (const choice of objectList(object, 'choices')) {
      const delta = asObject(choice.delta);
      const reasoning = stringField(delta, 'reasoning_content') ?? stringField(delta, 'reasoning') ?? '';
      if (reasoning) {
        this.reasoning += reasoning;
        this.content = true;
        events.push({ type: 'reasoning_delta', delta: reasoning });
      }
      const text = stringField(delta, 'content') ?? '';
      if (text) {
        this.text += text;
        this.content = true;
        events.push({ type: 'text_delta', delta: text });
      }
      for (const call of objectList(delta, 'tool_calls')) this.addCallDelta(call);
      const finish = stringField(choice, 'finish_reason');
      if (finish) this.finishReason = finish;
    }
    return events;
  }

  finish(): LlmResponse | undefined {
    if (this.finishReason === undefined) return undefined;
    const blocks: AssistantBlock[] = [];
    if (this.reasoning) blocks.push({ block_type: 'reasoning', data: { text: this.reasoning } });
    if (this.text) blocks.push({ block_type: 'text', data: { text: this.text } });
    for (const [, call] of [...this.calls.entries()].sort(([left], [right]) => left - right)) {
      blocks.push({
        block_type: 'tool_use',
        data: { id: call.id, name: call.name, args: parseToolArguments(call.name, call.json) },
      });
    }
    const stopReason = this.calls.size > 0 ? 'tool_use' : (FINISH_REASONS[this.finishReason] ?? 'end_turn');
    return { blocks, stopReason, usage: this.usage ?? emptyUsage() };
  }

  private addCallDelta(call: LooseObject): void {
    const index = typeof call.index === 'number' ? call.index : this.calls.size;
    let pending = this.calls.get(index);
    if (!pending) {
      pending = { id: '', name: '', json: '' };
      this.calls.set(index, pending);
    }
    this.content = true;
    const fn = asObject(call.function);
    pending.id ||= stringField(call, 'id') ?? '';
    pending.name ||= stringField(fn, 'name') ?? '';
    pending.json += stringField(fn, 'arguments') ?? '';
    if (!pending.id && stringField(fn, 'name')) pending.id = `call_${randomUUID().replace(/-/g, '')}`;
  }

  private usageOf(usage: LooseObject): Usage {
    return {
      input_tokens: tokenCount(usage.prompt_tokens),
      output_tokens: tokenCount(usage.completion_tokens),
      cache_creation_tokens: null,
      cache_read_tokens: optionalTokenCount(asObject(usage.prompt_tokens_details)?.cached_tokens),
    };
  }
}
