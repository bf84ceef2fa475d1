import type { AssistantBlock, ContentInput, SessionMessage, StopReason, ToolResult } from '@rkat/contracts';

/** An RFC 3339 timestamp for `created_at` from epoch milliseconds. */
export function timestamp(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** A `user` transcript message. */
export function userMessage(content: ContentInput, epochMs: number): SessionMessage {
  return { role: 'user', content, created_at: timestamp(epochMs) };
}

/** A `block_assistant` transcript message (the form every new assistant reply is stored in). */
export function assistantMessage(
  blocks: AssistantBlock[],
  stopReason: StopReason,
  epochMs: number,
): SessionMessage {
  return { role: 'block_assistant', blocks, stop_reason: stopReason, created_at: timestamp(epochMs) };
}

/** A `tool_results` transcript message. */
export function toolResultsMessage(results: ToolResult[], epochMs: number): SessionMessage {
  return { role: 'tool_results', results, created_at: timestamp(epochMs) };
}
