import type { LlmResponse, LlmStreamEvent } from '@rkat/core';

/**
 * Turns one provider's stream chunks into our stream events. Pure: no I/O, so each decoder is tested with
 * synthetic chunk sequences. `push` may throw a `ProviderFailure` for an in-stream error event.
 */
export interface StreamDecoder<TChunk> {
  /** Consumes one chunk and returns the visible deltas it carried. */
  push(chunk: TChunk): LlmStreamEvent[];
  /** The complete response, or undefined when no terminal event arrived. */
  finish(): LlmResponse | undefined;
  /** True once any text, reasoning or tool-call content arrived. */
  readonly hasContent: boolean;
}
