import type { LlmResponse, LlmStreamEvent } from '@rkat/core';
import type { AssistantBlock, StopReason, Usage } from '@rkat/contracts';
import { asObject, objectList, stringField, type LooseObject } from '../shared/loose.js';
import { ProviderFailure } from '../shared/provider-failure.js';
import type { StreamDecoder } from '../shared/stream-decoder.js';
import { parseToolArguments } from '../shared/tool-arguments.js';
import { emptyUsage, optionalTokenCount, tokenCount } from '../shared/usage.js';

function joinTexts(parts: readonly LooseObject[], types: readonly string[]): string {
  return parts
    .filter((part) => types.includes(stringField(part, 'type') ?? ''))
    .map((part) => stringField(part, 'text') ?? stringField(part, 'refusal') ?? '')
    .join('');
}

/** One Responses output item as assistant blocks. */
export function responsesItemBlocks(item: LooseObject): AssistantBlock[] {
  const type = stringField(item, 'type') ?? 'unknown';
  const id = stringField(item, 'id');
  switch (type) {
    case 'message': {
      const text = joinTexts(objectList(item, 'content'), ['output_text', 'refusal']);
      return text === '' ? [] : [{ block_type: 'text', data: { text } }];
    }
    case 'reasoning': {
      const summary = objectList(item, 'summary').map((part) => stringField(part, 'text') ?? '');
      const text =
        summary.length > 0
          ? summary.join('\n\n')
          : joinTexts(objectList(item, 'content'), ['reasoning_text']);
      const encrypted = stringField(item, 'encrypted_content');
      return [
        {
          block_type: 'reasoning',
          data: {
            text,
            ...(id
              ? { meta: { provider: 'open_ai', id, ...(encrypted ? { encrypted_content: encrypted } : {}) } }
              : {}),
          },
        },
      ];
    }
    case 'function_call': {
      const name = stringField(item, 'name') ?? '';
      const callId = stringField(item, 'call_id') ?? id ?? '';
      return [
        {
          block_type: 'tool_use',
          data: { id: callId, name, args: parseToolArguments(name, stringField(item, 'arguments') ?? '') },
        },
      ];
    }
    default:
      return [
        { block_type: 'server_tool_content', data: { ...(id ? { id } : {}), name: type, content: item } },
      ];
  }
}

function failureFrom(error: LooseObject | undefined, fallback: string): ProviderFailure {
  const code = stringField(error, 'code') ?? stringField(error, 'type');
  return new ProviderFailure({
    ...(code ? { errorType: code } : {}),
    message: stringField(error, 'message') ?? fallback,
  });
}

/** Decodes Responses API stream events (`response.*`, `error`) into deltas and one response. */
export class ResponsesStreamDecoder implements StreamDecoder<unknown> {
  private readonly items = new Map<number, AssistantBlock[]>();
  private text = '';
  private final: LooseObject | undefined;
  private content = false;

  get hasContent(): boolean {
    return this.content;
  }

  push(chunk: unknown): LlmStreamEvent[] {
    const event = asObject(chunk) ?? {};
    const delta = stringField(event, 'delta') ?? '';
    switch (stringField(event, 'type')) {
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        this.content = true;
        this.text += delta;
        return delta ? [{ type: 'text_delta', delta }] : [];
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        this.content = true;
        return delta ? [{ type: 'reasoning_delta', delta }] : [];
      case 'response.output_item.done': {
        const item = asObject(event.item);
        const index = typeof event.output_index === 'number' ? event.output_index : this.items.size;
        if (item) this.items.set(index, responsesItemBlocks(item));
        this.content = true;
        return [];
      }
      case 'response.completed':
      case 'response.incomplete':
        this.final = asObject(event.response) ?? {};
        return [];
      case 'response.failed': {
        const response = asObject(event.response);
        throw failureFrom(asObject(response?.error), 'response failed');
      }
      case 'error':
        throw failureFrom(asObject(event.error) ?? event, 'stream error');
      default:
        return [];
    }
  }

  finish(): LlmResponse | undefined {
    if (!this.final) return undefined;
    const blocks = this.collectBlocks(this.final);
    const hasTool = blocks.some((block) => block.block_type === 'tool_use');
    const reason = stringField(asObject(this.final.incomplete_details), 'reason');
    let stopReason: StopReason = 'end_turn';
    if (hasTool) stopReason = 'tool_use';
    else if (reason === 'max_output_tokens') stopReason = 'max_tokens';
    else if (reason === 'content_filter') stopReason = 'content_filter';
    return { blocks, stopReason, usage: this.usageOf(asObject(this.final.usage)) };
  }

  private collectBlocks(response: LooseObject): AssistantBlock[] {
    if (this.items.size > 0) {
      return [...this.items.entries()]
        .sort(([left], [right]) => left - right)
        .flatMap(([, blocks]) => blocks);
    }
    const output = objectList(response, 'output');
    if (output.length > 0) return output.flatMap(responsesItemBlocks);
    return this.text === '' ? [] : [{ block_type: 'text', data: { text: this.text } }];
  }

  private usageOf(usage: LooseObject | undefined): Usage {
    if (!usage) return emptyUsage();
    return {
      input_tokens: tokenCount(usage.input_tokens),
      output_tokens: tokenCount(usage.output_tokens),
      cache_creation_tokens: null,
      cache_read_tokens: optionalTokenCount(asObject(usage.input_tokens_details)?.cached_tokens),
    };
  }
}
