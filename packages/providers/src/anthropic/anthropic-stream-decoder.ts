import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages.js';
import type { LlmResponse, LlmStreamEvent } from '@rkat/core';
import type { AssistantBlock, StopReason } from '@rkat/contracts';
import type { StreamDecoder } from '../shared/stream-decoder.js';
import { parseToolArguments } from '../shared/tool-arguments.js';
import { emptyUsage, optionalTokenCount, tokenCount } from '../shared/usage.js';

type LooseObject = { type: string } & Record<string, unknown>;

type OpenBlock =
  | { kind: 'text'; text: string }
  | { kind: 'thinking'; text: string; signature: string }
  | { kind: 'redacted'; data: string }
  | { kind: 'tool'; id: string; name: string; json: string }
  | { kind: 'server'; id: string | undefined; name: string; content: unknown };

const STOP_REASONS: Record<string, StopReason> = {
  end_turn: 'end_turn',
  tool_use: 'tool_use',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  refusal: 'content_filter',
  pause_turn: 'end_turn',
  model_context_window_exceeded: 'max_tokens',
};

function closeBlock(block: OpenBlock): AssistantBlock | undefined {
  switch (block.kind) {
    case 'text':
      return block.text === '' ? undefined : { block_type: 'text', data: { text: block.text } };
    case 'thinking':
      return {
        block_type: 'reasoning',
        data: {
          text: block.text,
          ...(block.signature ? { meta: { provider: 'anthropic', signature: block.signature } } : {}),
        },
      };
    case 'redacted':
      return {
        block_type: 'reasoning',
        data: { text: '', meta: { provider: 'anthropic_redacted', data: block.data } },
      };
    case 'tool':
      return {
        block_type: 'tool_use',
        data: { id: block.id, name: block.name, args: parseToolArguments(block.name, block.json) },
      };
    case 'server':
      return {
        block_type: 'server_tool_content',
        data: { ...(block.id ? { id: block.id } : {}), name: block.name, content: block.content },
      };
  }
}

/** Decodes Messages API stream events (`message_start` … `message_stop`) into deltas and one response. */
export class AnthropicStreamDecoder implements StreamDecoder<RawMessageStreamEvent> {
  private readonly open = new Map<number, OpenBlock>();
  private readonly closed: { index: number; block: AssistantBlock }[] = [];
  private usage = emptyUsage();
  private stopReason: StopReason | undefined;
  private stopped = false;
  private content = false;

  get hasContent(): boolean {
    return this.content;
  }

  push(event: RawMessageStreamEvent): LlmStreamEvent[] {
    switch (event.type) {
      case 'message_start': {
        const usage = event.message.usage;
        this.usage = {
          input_tokens: tokenCount(usage.input_tokens),
          output_tokens: tokenCount(usage.output_tokens),
          cache_creation_tokens: optionalTokenCount(usage.cache_creation_input_tokens),
          cache_read_tokens: optionalTokenCount(usage.cache_read_input_tokens),
        };
        return [];
      }
      case 'content_block_start':
        return this.start(event.index, event.content_block as unknown as LooseObject);
      case 'content_block_delta':
        return this.delta(event.index, event.delta as unknown as LooseObject);
      case 'content_block_stop':
        this.close(event.index);
        return [];
      case 'message_delta': {
        if (event.delta.stop_reason) this.stopReason = STOP_REASONS[event.delta.stop_reason] ?? 'end_turn';
        const usage = event.usage;
        this.usage = {
          input_tokens: usage.input_tokens == null ? this.usage.input_tokens : tokenCount(usage.input_tokens),
          output_tokens: tokenCount(usage.output_tokens),
          cache_creation_tokens:
            optionalTokenCount(usage.cache_creation_input_tokens) ?? this.usage.cache_creation_tokens,
          cache_read_tokens:
            optionalTokenCount(usage.cache_read_input_tokens) ?? this.usage.cache_read_tokens,
        };
        return [];
      }
      case 'message_stop':
        this.stopped = true;
        return [];
      default:
        return [];
    }
  }

  /**
   * The response once `message_stop` arrived after a `message_delta` carrying the stop reason; a stream
   * that stops without saying why (a proxy that drops events, a cut reassembled as an end) is incomplete.
   */
  finish(): LlmResponse | undefined {
    if (!this.stopped || this.stopReason === undefined) return undefined;
    const reason = this.stopReason;
    for (const index of [...this.open.keys()]) this.close(index);
    const blocks = this.closed.sort((left, right) => left.index - right.index).map((entry) => entry.block);
    const stopReason = blocks.some((block) => block.block_type === 'tool_use') ? 'tool_use' : reason;
    return { blocks, stopReason, usage: this.usage };
  }

  private start(index: number, block: LooseObject): LlmStreamEvent[] {
    const text = (key: string): string => (typeof block[key] === 'string' ? (block[key] as string) : '');
    switch (block.type) {
      case 'text':
        this.open.set(index, { kind: 'text', text: text('text') });
        break;
      case 'thinking':
        this.open.set(index, { kind: 'thinking', text: text('thinking'), signature: text('signature') });
        break;
      case 'redacted_thinking':
        this.open.set(index, { kind: 'redacted', data: text('data') });
        break;
      case 'tool_use':
        this.open.set(index, { kind: 'tool', id: text('id'), name: text('name'), json: '' });
        break;
      default:
        this.open.set(index, {
          kind: 'server',
          id: text('id') || undefined,
          name: block.type,
          content: block,
        });
    }
    this.content = true;
    const opened = this.open.get(index);
    if (opened?.kind === 'text' && opened.text) return [{ type: 'text_delta', delta: opened.text }];
    if (opened?.kind === 'thinking' && opened.text) return [{ type: 'reasoning_delta', delta: opened.text }];
    return [];
  }

  private delta(index: number, delta: LooseObject): LlmStreamEvent[] {
    const block = this.open.get(index);
    const value = (key: string): string => (typeof delta[key] === 'string' ? (delta[key] as string) : '');
    if (block?.kind === 'text' && delta.type === 'text_delta') {
      block.text += value('text');
      return value('text') ? [{ type: 'text_delta', delta: value('text') }] : [];
    }
    if (block?.kind === 'thinking' && delta.type === 'thinking_delta') {
      block.text += value('thinking');
      return value('thinking') ? [{ type: 'reasoning_delta', delta: value('thinking') }] : [];
    }
    if (block?.kind === 'thinking' && delta.type === 'signature_delta') block.signature += value('signature');
    if (block?.kind === 'tool' && delta.type === 'input_json_delta') block.json += value('partial_json');
    return [];
  }

  private close(index: number): void {
    const block = this.open.get(index);
    if (!block) return;
    this.open.delete(index);
    const closed = closeBlock(block);
    if (closed) this.closed.push({ index, block: closed });
  }
}
