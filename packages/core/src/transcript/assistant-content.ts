import type { AssistantBlock } from '@rkat/contracts';
import type { ToolCall } from '../ports/tool-source.js';

/** The concatenated text blocks of an assistant reply ('' when it has none). */
export function assistantText(blocks: readonly AssistantBlock[]): string {
  return blocks.map((block) => (block.block_type === 'text' ? block.data.text : '')).join('');
}

/** The concatenated reasoning blocks of an assistant reply ('' when it has none). */
export function reasoningText(blocks: readonly AssistantBlock[]): string {
  return blocks.map((block) => (block.block_type === 'reasoning' ? block.data.text : '')).join('');
}

/** The tool calls of an assistant reply, in the order the model made them. */
export function toolCallsOf(blocks: readonly AssistantBlock[]): ToolCall[] {
  const calls: ToolCall[] = [];
  for (const block of blocks) {
    if (block.block_type === 'tool_use') {
      calls.push({ id: block.data.id, name: block.data.name, args: block.data.args });
    }
  }
  return calls;
}
