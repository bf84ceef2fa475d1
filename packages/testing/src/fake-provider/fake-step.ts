/** A tool call the fake model makes. `id` defaults to `call_<step>_<index>`. */
export interface FakeToolCall {
  name: string;
  args?: Record<string, unknown>;
  id?: string;
}

/**
 * Token counts the fake reports. `input` is the uncached input; each wire format reports it the way that
 * provider does (Anthropic: `input_tokens` = input; OpenAI and Gemini: prompt total = input + cache_read).
 */
export interface FakeUsage {
  input: number;
  output: number;
  cache_read?: number;
  cache_creation?: number;
}

/** How a step ends, in the contract's terms; each wire format maps it to its own finish reason. */
export type FakeStopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'content_filter';

/** An HTTP error answer instead of a stream. */
export interface FakeError {
  /** HTTP status; 400 when omitted with `kind: "context_exceeded"`, otherwise required. */
  status?: number;
  /** Seconds, sent as the `retry-after` header. */
  retry_after?: number;
  /** Fail only the first `times` attempts of this step, then answer normally. Default: every attempt. */
  times?: number;
  /** `context_exceeded` answers the provider's context-overflow error body. */
  kind?: 'context_exceeded';
  message?: string;
}

/** One scripted model call. Every field is optional; an empty step answers an empty text. */
export interface FakeStep {
  text?: string;
  /** Shorthand for `text: JSON.stringify(json)`. */
  json?: unknown;
  /** Streamed as thinking / reasoning before the text. */
  reasoning?: string;
  tools?: FakeToolCall[];
  usage?: FakeUsage;
  stop?: FakeStopReason;
  /** Characters per streamed delta (default 4). */
  chunk?: number;
  /** Pause after each content chunk. */
  delay_ms?: number;
  error?: FakeError;
  /** After n content chunks, reset the TCP connection. */
  cut_after?: number;
  /** After n content chunks, send nothing more but keep the connection open. */
  stall_after?: number;
  /** After n content chunks, send the provider's in-stream error event (overloaded) and end. */
  error_event_after?: number;
  /**
   * After n bytes of the response body (SSE frames counted from the first byte, whatever they carry),
   * reset the TCP connection. Cuts mid-frame, so a client must cope with a half-written event. Takes the
   * place of the chunk faults and `delay_ms`.
   */
  cut_after_bytes?: number;
  /**
   * After n content chunks, end the stream the way the format ends a stream (Chat Completions `[DONE]`,
   * Anthropic `message_stop`, the others by closing the body) with no finish reason and no usage.
   * `done_after: 0` is `[DONE]` before any content.
   */
  done_after?: number;
  /** While stalled (`stall_after`), send a keepalive every n ms: Anthropic a `ping` event, the others an SSE comment. */
  keepalive_ms?: number;
  /**
   * Send reasoning and text in the same chunks (chunk i carries reasoning piece i and text piece i): one
   * Chat Completions delta with `reasoning_content` and `content`, one Gemini chunk with a thought part and
   * a text part. Anthropic and OpenAI Responses stream each in its own event by design and ignore it.
   */
  reasoning_with_text?: boolean;
  /** Apply the stream faults (cuts, stall, error event, early done) to the first n attempts only. */
  fault_times?: number;
}

/**
 * Builds the `<fake>…</fake>` tag that scripts the fake provider; put it anywhere in a user message.
 * `<` is escaped inside the JSON so step text can never close the tag early.
 */
export function fakeScript(steps: FakeStep[]): string {
  return `<fake>${JSON.stringify(steps).replace(/</g, '\\u003c')}</fake>`;
}
