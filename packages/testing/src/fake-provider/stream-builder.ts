import { sseComment } from './sse.js';
import type { StreamPlan } from './wire-format.js';

/**
 * Collects frames into a {@link StreamPlan}. Closing frames of a block are held back and sent with the
 * next content chunk (or the tail), so a fault after chunk n never closes a block the model had not ended.
 */
export class StreamBuilder {
  readonly head: string[] = [];
  readonly chunks: string[][] = [];
  #pending: string[] = [];

  /** Frames sent before the next chunk (block close / open frames). */
  hold(...frames: string[]): void {
    this.#pending.push(...frames);
  }

  /** One content chunk, preceded by any held frames. */
  chunk(...frames: string[]): void {
    this.chunks.push([...this.#pending, ...frames]);
    this.#pending = [];
  }

  /**
   * Finishes the plan: held frames go first in the tail. By default a stream ends by closing the body
   * (`end` empty) and keeps alive with an SSE comment.
   */
  build(
    tail: string[],
    failure: (chunksSent: number) => string[],
    endings: Partial<Pick<StreamPlan, 'end' | 'keepalive'>> = {},
  ): StreamPlan {
    return {
      head: this.head,
      chunks: this.chunks,
      tail: [...this.#pending, ...tail],
      failure,
      end: endings.end ?? [],
      keepalive: endings.keepalive ?? sseComment('keepalive'),
    };
  }
}
