import type { FakeFormat } from './wire-format.js';

/**
 * One request the fake received. `body` is the parsed JSON (the raw text when it did not parse);
 * `step` is -1 and `attempt` 0 when the request was rejected before the script ran (auth, malformed
 * body, non-streaming request, invalid script); `status` is the HTTP status answered (200 for a stream,
 * set before the stream starts).
 */
export interface RecordedRequest {
  format: FakeFormat;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  step: number;
  attempt: number;
  status: number;
  /** When the request arrived (epoch ms), so tests can measure the waits between attempts. */
  receivedAtMs: number;
}
