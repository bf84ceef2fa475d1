import { randomUUID } from 'node:crypto';
import type { LlmResponse, LlmStreamEvent } from '@rkat/core';
import type { AssistantBlock, SchemaWarning, StopReason, Usage } from '@rkat/contracts';
import { asObject, objectList, stringField, type LooseObject } from '../shared/loose.js';
import type { StreamDecoder } from '../shared/stream-decoder.js';
import { argumentsObject } from '../shared/tool-arguments.js';
import { emptyUsage, optionalTokenCount, tokenCount } from '../shared/usage.js';

const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY']);

function stopReasonOf(finishReason: string): StopReason {
  if (finishReason === 'MAX_TOKENS') return 'max_tokens';
  if (FILTERED.has(finishReason)) return 'content_filter';
  return 'end_turn';
}

/**
 * Decodes `streamGenerateContent` chunks: text and thought parts (thought summaries become reasoning),
 * function calls, `thoughtSignature` kept as `{provider:'gemini'}` meta on the block it arrived with, the
 * finish reason and usage (thought tokens count as output).
 */
export class GeminiStreamDecoder implements StreamDecoder<unknown> {
  private readonly blocks: AssistantBlock[] = [];
  private finishReason: string | undefined;
  private usage: Usage = emptyUsage();
  private content = false;

  constructor(private readonly schemaWarnings: SchemaWarning[] = []) {}

  get hasContent(): boolean {
    return this.content;
  }

  push(chunk: unknown): LlmStreamEvent[] {
    const object = asObject(chunk) ?? {};
    const usage = asObject(object.usageMetadata);
    if (usage) this.usage = this.usageOf(usage);
    const blocked = stringField(asObject(object.promptFeedback), 'blockReason');
    if (blocked) this.finishReason = 'SAFETY';
    const events: LlmStreamEvent[] = [];
    const candidate = objectList(object, 'candidates')[0];
    for (const part of objectList(asObject(candidate?.content), 'parts')) events.push(...this.addPart(part));
    const finish = stringField(candidate, 'finishReason');
    if (finish) this.finishReason = finish;
    return events;
  }

  finish(): LlmResponse | undefined {
    if (this.finishReason === undefined) return undefined;
    const hasTool = this.blocks.some((block) => block.block_type === 'tool_use');
    return {
      blocks: this.blocks,
      stopReason: hasTool ? 'tool_use' : stopReasonOf(this.finishReason),
      usage: this.usage,
      ...(this.schemaWarnings.length > 0 ? { schemaWarnings: this.schemaWarnings } : {}),
    };
  }

  private addPart(part: LooseObject): LlmStreamEvent[] {
    const signature = stringField(part, 'thoughtSignature');
    const meta = signature ? { meta: { provider: 'gemini' as const, thoughtSignature: signature } } : {};
    const call = asObject(part.functionCall);
    if (call) {
      this.content = true;
      const name = stringField(call, 'name') ?? '';
      const id = stringField(call, 'id') || `fc_${randomUUID().replace(/-/g, '')}`;
      this.blocks.push({
        block_type: 'tool_use',
        data: { id, name, args: argumentsObject(call.args), ...meta },
      });
      return [];
    }
    const text = stringField(part, 'text');
    if (!text && !signature) return [];
    const kind = part.thought === true ? 'reasoning' : 'text';
    const last = this.blocks.at(-1);
    if (last && last.block_type === kind) {
      last.data.text += text ?? '';
      if (signature) last.data.meta = meta.meta;
    } else {
      this.blocks.push({ block_type: kind, data: { text: text ?? '', ...meta } });
    }
    if (!text) return [];
    this.content = true;
    return [
      kind === 'reasoning' ? { type: 'reasoning_delta', delta: text } : { type: 'text_delta', delta: text },
    ];
  }

  private usageOf(usage: LooseObject): Usage {
    return {
      input_tokens: tokenCount(usage.promptTokenCount),
      output_tokens: tokenCount(usage.candidatesTokenCount) + tokenCount(usage.thoughtsTokenCount),
      cache_creation_tokens: null,
      cache_read_tokens: optionalTokenCount(usage.cachedContentTokenCount),
    };
  }
}
