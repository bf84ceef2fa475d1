/** The text of a captured stream: its last bytes, decoded, with a marker when the head was dropped. */
export interface CapturedText {
  text: string;
  /** Invalid UTF-8 was replaced with U+FFFD. */
  lossy: boolean;
}

/** Keeps the last `maxBytes` bytes written to it, so a chatty process cannot grow memory without bound. */
export class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    // Compact only when well over the limit, so appends stay cheap.
    if (this.size > this.maxBytes * 2) this.compact();
  }

  /** The kept bytes as text; the original keeps the tail because the end of the output matters most. */
  capture(): CapturedText {
    this.compact();
    let bytes = Buffer.concat(this.chunks);
    let dropped = this.dropped;
    let start = 0;
    // A cut may land inside a multi-byte character: skip its continuation bytes.
    if (dropped > 0) while (start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start += 1;
    dropped += start;
    bytes = bytes.subarray(start);
    let lossy = false;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      lossy = true;
    }
    const text = bytes.toString('utf8');
    return { text: dropped > 0 ? `[truncated ${dropped} bytes]...${text}` : text, lossy };
  }

  private compact(): void {
    if (this.size <= this.maxBytes) return;
    const all = Buffer.concat(this.chunks);
    const excess = all.length - this.maxBytes;
    this.chunks = [all.subarray(excess)];
    this.dropped += excess;
    this.size = this.maxBytes;
  }
}
