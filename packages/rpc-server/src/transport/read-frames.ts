import type { Readable } from 'node:stream';
import { FrameSplitter, type Frame } from './frame-splitter.js';

/**
 * Yields the frames of a byte stream in order. Reading is pulled: while the consumer awaits between
 * frames, no more input is read (that is how inline methods hold later lines back). Rejects when the stream
 * errors or is destroyed, or when it yields something that is not bytes or a string.
 */
export async function* readFrames(input: Readable, maxFrameBytes: number): AsyncGenerator<Frame, void, void> {
  const splitter = new FrameSplitter({ maxFrameBytes });
  for await (const chunk of input as AsyncIterable<unknown>) {
    yield* splitter.push(toBuffer(chunk));
  }
  yield* splitter.end();
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('the input stream must yield bytes or strings');
}
