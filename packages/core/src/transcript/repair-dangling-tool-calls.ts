import type { SessionMessage, ToolResult } from '@rkat/contracts';
import { toolResultsMessage } from './messages.js';

/** The error result given to a tool call that was recorded but never answered (00-decisions.md §16). */
export const INTERRUPTED_TOOL_CALL_RESULT =
  'tool call interrupted: the runtime stopped before it finished; it was not executed again';

function toolCallIds(message: SessionMessage): string[] | undefined {
  if (message.role === 'block_assistant') {
    return message.blocks.flatMap((block) => (block.block_type === 'tool_use' ? [block.data.id] : []));
  }
  if (message.role === 'assistant') return (message.tool_calls ?? []).map((call) => call.id);
  return undefined;
}

/**
 * The messages to append to a committed transcript so that it does not end with unanswered tool calls,
 * e.g. after a crash between recording a tool call and recording its result. Returns `[]` when the last
 * assistant message has no unanswered call; otherwise one `tool_results` message with an error result
 * per unanswered call. The calls are reported as interrupted and never run again.
 */
export function repairDanglingToolCalls(
  history: readonly SessionMessage[],
  nowMs: number = Date.now(),
): SessionMessage[] {
  let lastAssistant = -1;
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const message = history[index];
    if (message !== undefined && toolCallIds(message) !== undefined) {
      lastAssistant = index;
      break;
    }
  }
  const assistant = history[lastAssistant];
  const ids = assistant === undefined ? [] : (toolCallIds(assistant) ?? []);
  if (ids.length === 0) return [];
  const answered = new Set<string>();
  for (const message of history.slice(lastAssistant + 1)) {
    if (message.role === 'tool_results') {
      for (const result of message.results) answered.add(result.tool_use_id);
    }
  }
  const missing: ToolResult[] = ids
    .filter((id) => !answered.has(id))
    .map((id) => ({ tool_use_id: id, content: INTERRUPTED_TOOL_CALL_RESULT, is_error: true }));
  return missing.length === 0 ? [] : [toolResultsMessage(missing, nowMs)];
}
