import type { IncomingHttpHeaders } from 'node:http';
import type { PlannedAnswer } from './answer.js';
import type { NeutralRequest } from './conversation.js';

/** The four wire formats the fake speaks. */
export type FakeFormat = 'anthropic' | 'openai-responses' | 'chat-completions' | 'gemini';

/**
 * A rendered stream, split where faults may strike: `chunks[i]` holds the SSE frames that carry content
 * chunk i (with any block open/close frames that must precede it). `failure(n)` renders the in-stream
 * error event sent after n chunks; `end` the frames that close a stream without a finish (`done_after`);
 * `keepalive` the frame sent while a stream stalls (`keepalive_ms`).
 */
export interface StreamPlan {
  head: string[];
  chunks: string[][];
  tail: string[];
  failure(chunksSent: number): string[];
  end: string[];
  keepalive: string;
}

/**
 * Why the fake answers an HTTP error: missing auth, a malformed request, a scripted context overflow, or a
 * scripted status.
 */
export type WireErrorKind = 'authentication' | 'invalid_request' | 'context_exceeded' | 'scripted';

export interface WireError {
  status: number;
  kind: WireErrorKind;
  message?: string;
  retryAfter?: number;
}

/** One provider's dialect: how to recognise, authenticate and read a request, and how to answer it. */
export interface WireFormat {
  readonly format: FakeFormat;
  /** Whether `POST pathname` belongs to this format. */
  matches(pathname: string): boolean;
  authorized(headers: IncomingHttpHeaders, url: URL): boolean;
  /** Reads the parsed body; a string is the reason the request is malformed. */
  parseRequest(body: unknown, url: URL): NeutralRequest | string;
  /** The provider's own JSON error body for an HTTP error. */
  errorBody(error: WireError): unknown;
  /** Extra headers every answer carries (request ids). */
  responseHeaders(requestNumber: number): Record<string, string>;
  planStream(answer: PlannedAnswer, request: NeutralRequest, requestNumber: number): StreamPlan;
}
