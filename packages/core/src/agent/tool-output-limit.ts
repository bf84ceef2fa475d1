import type { ContentBlock } from '@rkat/contracts';
import type { ToolOutcome } from '../ports/tool-source.js';

/**
 * The default bound of one tool result in the loop: 256 KiB of UTF-8 text, the built-in tools' own cap
 * (`@rkat/tools` `DEFAULT_RESULT_MAX_BYTES`), so callback and MCP tools get the same treatment. The
 * contract's `tools` config names no such limit, so this is the documented default;
 * `AgentRunOptions.toolOutputLimitBytes` overrides it.
 */
export const DEFAULT_TOOL_OUTPUT_LIMIT_BYTES = 256 * 1024;

/** The marker that ends a cut tool result (the built-in tools' wording): the model learns what it missed. */
export function truncationMarker(omittedBytes: number, totalBytes: number): string {
  return `\n[truncated: ${omittedBytes} of ${totalBytes} bytes omitted]`;
}

const encoder = new TextEncoder();

function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** The longest prefix of `text` of at most `limit` UTF-8 bytes, never splitting a character. */
function utf8Prefix(text: string, limit: number): string {
  const bytes = encoder.encode(text);
  if (bytes.length <= limit) return text;
  let end = Math.max(0, limit);
  // Back up over continuation bytes (10xxxxxx) so the cut falls on a character boundary.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return new TextDecoder().decode(bytes.subarray(0, end));
}

function textBytes(content: string | readonly ContentBlock[]): number {
  if (typeof content === 'string') return byteLength(content);
  return content.reduce((sum, block) => sum + (block.type === 'text' ? byteLength(block.text) : 0), 0);
}

/** Text blocks share `budget` in order (later ones are dropped once it is spent); media blocks stay. */
function cutBlocks(blocks: readonly ContentBlock[], budget: number): ContentBlock[] {
  let left = budget;
  const kept: ContentBlock[] = [];
  for (const block of blocks) {
    if (block.type !== 'text') {
      kept.push(block);
      continue;
    }
    if (left <= 0) continue;
    const text = utf8Prefix(block.text, left);
    left -= byteLength(text);
    kept.push(text === block.text ? block : { ...block, text });
  }
  return kept;
}

/**
 * Bounds the text of a tool outcome to `limitBytes` UTF-8 bytes, the truncation marker included. A longer
 * text keeps its head, cut on a character boundary, and ends with `truncationMarker`; in a block result
 * the text blocks share the budget and the marker is one more text block, while media blocks are kept as
 * they are. Returns `outcome` itself when it fits, so a result is copied only when it is cut.
 */
export function limitToolOutcome(outcome: ToolOutcome, limitBytes: number): ToolOutcome {
  const total = textBytes(outcome.content);
  if (total <= limitBytes) return outcome;
  // The marker for the whole length is at least as long as the final one, so the result stays in bounds.
  const budget = Math.max(0, limitBytes - byteLength(truncationMarker(total, total)));
  if (typeof outcome.content === 'string') {
    const kept = utf8Prefix(outcome.content, budget);
    return { ...outcome, content: kept + truncationMarker(total - byteLength(kept), total) };
  }
  const blocks = cutBlocks(outcome.content, budget);
  const marker = truncationMarker(total - textBytes(blocks), total);
  return { ...outcome, content: [...blocks, { type: 'text', text: marker }] };
}
