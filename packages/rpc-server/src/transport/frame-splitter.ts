/** One input frame: a complete line (without its `\n` or `\r\n`), or a line that exceeded the frame limit. */
export type Frame =
  | { readonly kind: 'line'; readonly bytes: Buffer }
  | {
      readonly kind: 'oversized';
      /** Length of the whole line in bytes. */
      readonly bytes: number;
      /** A copy of the first bytes of the line (at most `prefixBytes`), for reading its id. */
      readonly prefix: Buffer;
    };

/** Limits of a `FrameSplitter`. */
export interface FrameSplitterOptions {
  /** Longest accepted line in bytes, without the line terminator. */
  readonly maxFrameBytes: number;
  /** How much of an oversized line is kept to read its id. Default 4096. */
  readonly prefixBytes?: number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DEFAULT_PREFIX_BYTES = 4096;

/**
 * Splits a byte stream into `\n`-terminated lines (a trailing `\r` is dropped, blank lines are skipped).
 * Memory is bounded: a line is buffered only up to the frame limit; past it the buffered bytes are released
 * and the rest of the line is counted and discarded, keeping only a small copied prefix. Never throws.
 */
export class FrameSplitter {
  private readonly maxFrameBytes: number;
  private readonly prefixBytes: number;
  private parts: Buffer[] = [];
  private partBytes = 0;
  /** Set while discarding an oversized line. */
  private discard: { bytes: number; prefix: Buffer; endsWithCarriageReturn: boolean } | undefined;

  constructor(options: FrameSplitterOptions) {
    this.maxFrameBytes = options.maxFrameBytes;
    this.prefixBytes = Math.min(options.prefixBytes ?? DEFAULT_PREFIX_BYTES, options.maxFrameBytes);
  }

  /** Bytes of the current unfinished line held in memory (the prefix while discarding). */
  get bufferedBytes(): number {
    return this.discard ? this.discard.prefix.length : this.partBytes;
  }

  /** Consumes a chunk and returns the frames it completes, in order. */
  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      this.append(chunk.subarray(start, newline === -1 ? chunk.length : newline));
      if (newline === -1) return frames;
      const frame = this.finishLine();
      if (frame) frames.push(frame);
      start = newline + 1;
    }
  }

  /** Ends the stream: an unterminated last line is returned as a frame too. */
  end(): Frame[] {
    const frame = this.finishLine();
    return frame ? [frame] : [];
  }

  private append(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.discard) {
      this.discard.bytes += piece.length;
      this.discard.endsWithCarriageReturn = piece.at(-1) === CARRIAGE_RETURN;
      this.topUpPrefix(piece);
      return;
    }
    // One byte of slack for the `\r` of a `\r\n` terminator, checked exactly in finishLine.
    if (this.partBytes + piece.length > this.maxFrameBytes + 1) {
      this.discard = {
        bytes: this.partBytes,
        prefix: Buffer.alloc(0),
        endsWithCarriageReturn: piece.at(-1) === CARRIAGE_RETURN,
      };
      for (const part of this.parts) this.topUpPrefix(part);
      this.parts = [];
      this.partBytes = 0;
      this.discard.bytes += piece.length;
      this.topUpPrefix(piece);
      return;
    }
    this.parts.push(piece);
    this.partBytes += piece.length;
  }

  private topUpPrefix(piece: Buffer): void {
    const discard = this.discard;
    if (!discard) return;
    const room = this.prefixBytes - discard.prefix.length;
    // Copy, so that the prefix never pins a large input chunk in memory.
    if (room > 0) discard.prefix = Buffer.concat([discard.prefix, Buffer.from(piece.subarray(0, room))]);
  }

  private finishLine(): Frame | undefined {
    if (this.discard) {
      const { bytes, prefix, endsWithCarriageReturn } = this.discard;
      const frame: Frame = { kind: 'oversized', bytes: endsWithCarriageReturn ? bytes - 1 : bytes, prefix };
      this.discard = undefined;
      return frame;
    }
    const line = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    this.parts = [];
    this.partBytes = 0;
    const bytes = line.at(-1) === CARRIAGE_RETURN ? line.subarray(0, -1) : line;
    if (isBlank(bytes)) return undefined;
    if (bytes.length > this.maxFrameBytes) {
      return {
        kind: 'oversized',
        bytes: bytes.length,
        prefix: Buffer.from(bytes.subarray(0, this.prefixBytes)),
      };
    }
    return { kind: 'line', bytes };
  }
}

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== CARRIAGE_RETURN) return false;
  }
  return true;
}
