import type { ContentBlock } from '@rkat/contracts';
import type { ToolOutcome } from '@rkat/core';

/** The default cap on the text a built-in tool returns to the model: 256 KiB of UTF-8. */
export const DEFAULT_RESULT_MAX_BYTES = 256 * 1024;

function truncationMarker(omittedBytes: number, totalBytes: number): string {
  return `\n[truncated: ${omittedBytes} of ${totalBytes} bytes omitted]`;
}

/**
 * Bounds `text` to at most `maxBytes` bytes of UTF-8. A longer text keeps its head, cut on a character
 * boundary, followed by a marker saying how many bytes were cut. Pure; a text within the cap is returned
 * unchanged.
 */
export function boundText(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  // The marker for the whole length is at least as long as the final one, so the result stays in bounds.
  let keep = Math.max(0, maxBytes - Buffer.byteLength(truncationMarker(bytes.length, bytes.length)));
  while (keep > 0 && ((bytes[keep] ?? 0) & 0xc0) === 0x80) keep -= 1;
  return `${bytes.subarray(0, keep).toString('utf8')}${truncationMarker(bytes.length - keep, bytes.length)}`;
}

/**
 * Bounds the text of a tool outcome: a string content, or the text blocks of a block content sharing one
 * budget of `maxBytes`. Image and video blocks pass unchanged (their size is limited where they are read).
 */
export function boundToolOutcome(outcome: ToolOutcome, maxBytes: number): ToolOutcome {
  if (typeof outcome.content === 'string') {
    const content = boundText(outcome.content, maxBytes);
    return content === outcome.content ? outcome : { ...outcome, content };
  }
  let remaining = maxBytes;
  const blocks: ContentBlock[] = outcome.content.map((block) => {
    if (block.type !== 'text') return block;
    const text = boundText(block.text, remaining);
    remaining = Math.max(0, remaining - Buffer.byteLength(text));
    return text === block.text ? block : { ...block, text };
  });
  return { ...outcome, content: blocks };
}
