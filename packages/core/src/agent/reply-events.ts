import type { AgentEvent, AssistantBlock } from '@rkat/contracts';
import { assistantText, reasoningText } from '../transcript/assistant-content.js';

/**
 * Emits what a completed main-loop reply announces after its deltas: `reasoning_complete`, any
 * `server_tool_content`, then `text_complete` (each only when non-empty). Returns the reply's text.
 */
export function emitReplyEvents(
  blocks: readonly AssistantBlock[],
  emit: (event: AgentEvent) => void,
): string {
  const reasoning = reasoningText(blocks);
  if (reasoning !== '') emit({ type: 'reasoning_complete', content: reasoning });
  for (const block of blocks) {
    if (block.block_type === 'server_tool_content') {
      const { id, name, content } = block.data;
      emit({ type: 'server_tool_content', ...(id !== undefined ? { id } : {}), name, content });
    }
  }
  const text = assistantText(blocks);
  if (text !== '') emit({ type: 'text_complete', content: text });
  return text;
}
