import type { LlmRequest } from '@rkat/core';
import type { AssistantBlock, ContentBlock, ToolResult } from '@rkat/contracts';

/** One provider-neutral turn of the transcript, ready to be lowered to a wire format. */
export type TranscriptItem =
  | { kind: 'user'; blocks: ContentBlock[] }
  | { kind: 'assistant'; blocks: AssistantBlock[] }
  | { kind: 'tool_results'; results: ToolResult[] };

/** A transcript split into the system prompt and the turns. */
export interface NormalizedTranscript {
  /** The system prompt: `LlmRequest.systemPrompt` and any distinct `system` messages, in order. */
  system: string | undefined;
  items: TranscriptItem[];
}

/** How a system notice reaches the model: as user text, since no provider has a notice role. */
export function renderSystemNotice(kind: string, body: string): string {
  return `[System notice: ${kind}] ${body}`;
}

/**
 * Flattens the stored transcript into user / assistant / tool-result turns: string prompts become text
 * blocks, system notices become user text, legacy `assistant` messages become blocks, and consecutive user
 * turns are merged. `system` messages are lifted into `system`.
 */
export function normalizeTranscript(
  request: Pick<LlmRequest, 'systemPrompt' | 'messages'>,
): NormalizedTranscript {
  const systemParts: string[] = [];
  if (request.systemPrompt) systemParts.push(request.systemPrompt);
  const items: TranscriptItem[] = [];
  const pushUser = (blocks: ContentBlock[]): void => {
    const last = items.at(-1);
    if (last?.kind === 'user') last.blocks.push(...blocks);
    else items.push({ kind: 'user', blocks: [...blocks] });
  };
  for (const message of request.messages) {
    switch (message.role) {
      case 'system':
        if (message.content && !systemParts.includes(message.content)) systemParts.push(message.content);
        break;
      case 'system_notice':
        pushUser([{ type: 'text', text: renderSystemNotice(message.kind, message.body) }]);
        break;
      case 'user':
        pushUser(
          typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content,
        );
        break;
      case 'assistant': {
        const blocks: AssistantBlock[] = [];
        if (message.content) blocks.push({ block_type: 'text', data: { text: message.content } });
        for (const call of message.tool_calls ?? []) {
          blocks.push({ block_type: 'tool_use', data: { id: call.id, name: call.name, args: call.args } });
        }
        items.push({ kind: 'assistant', blocks });
        break;
      }
      case 'block_assistant':
        items.push({ kind: 'assistant', blocks: message.blocks });
        break;
      case 'tool_results':
        items.push({ kind: 'tool_results', results: message.results });
        break;
      default: {
        const unreachable: never = message;
        throw new Error(`unknown message role ${String((unreachable as { role?: unknown }).role)}`);
      }
    }
  }
  return { system: systemParts.length > 0 ? systemParts.join('\n\n') : undefined, items };
}

/** Text standing in for a block the provider cannot take (a blob image, a video). */
export function placeholderText(block: ContentBlock): string {
  if (block.type === 'text') return block.text;
  if (block.type === 'image') {
    return block.source === 'blob' ? `[image ${block.blob_id} not available]` : `[image ${block.media_type}]`;
  }
  return `[video ${block.media_type}, ${block.duration_ms} ms, not supported by this provider]`;
}

/** The text of a tool result; non-text blocks are replaced by placeholders. */
export function toolResultText(result: ToolResult): string {
  if (typeof result.content === 'string') return result.content;
  return result.content.map(placeholderText).join('\n');
}

/** A `data:` URL for an inline base64 payload. */
export function dataUrl(mediaType: string, base64: string): string {
  return `data:${mediaType};base64,${base64}`;
}

/** Maps each tool-use id of the transcript to its tool name (Gemini function responses need the name). */
export function toolNamesById(items: readonly TranscriptItem[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const item of items) {
    if (item.kind !== 'assistant') continue;
    for (const block of item.blocks) {
      if (block.block_type === 'tool_use') names.set(block.data.id, block.data.name);
    }
  }
  return names;
}
