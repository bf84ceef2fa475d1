import { rpcError } from '@rkat/contracts';
import { classifyMessage, type InboundMessage } from './classify-message.js';
import type { Frame } from './frame-splitter.js';
import { scanRequestId } from './scan-request-id.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * Turns a frame into a classified message. An oversized frame is answered -32600 with
 * `data.code = "FRAME_TOO_LARGE"` (00-decisions.md §5), echoing the id found in its prefix; a line that is
 * not valid UTF-8 is a parse error. Never throws.
 */
export function decodeFrame(frame: Frame, maxFrameBytes: number): InboundMessage {
  if (frame.kind === 'oversized') {
    // The prefix may end inside a multi-byte character; the lenient decoder only affects that tail.
    const id = scanRequestId(lenientUtf8.decode(frame.prefix)) ?? null;
    const message = `Invalid request: frame of ${frame.bytes} bytes exceeds the limit of ${maxFrameBytes} bytes`;
    const data = { code: 'FRAME_TOO_LARGE', max_frame_bytes: maxFrameBytes, frame_bytes: frame.bytes };
    return { kind: 'invalid', id, error: rpcError('INVALID_REQUEST', message, data) };
  }
  let text: string;
  try {
    text = strictUtf8.decode(frame.bytes);
  } catch {
    return { kind: 'invalid', id: null, error: rpcError('PARSE_ERROR', 'Parse error: invalid UTF-8') };
  }
  return classifyMessage(text);
}
