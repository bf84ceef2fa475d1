import {
  toSessionEventObject,
  type EventEnvelope,
  type SessionStreamEndParams,
  type SessionStreamEventParams,
  type StreamEndOutcome,
} from '@rkat/contracts';
import { sessionEnvelope } from './session-envelope.js';

/** A notification of a session stream, ready for the surface to send (01 §8.3). */
export type StreamNotification =
  | { method: 'session/stream_event'; params: SessionStreamEventParams }
  | { method: 'session/stream_end'; params: SessionStreamEndParams };

/** The result of `session/stream_open`. */
export interface StreamOpened {
  stream_id: string;
  session_id: string;
  opened: true;
}

/** Events a stream holds for its reader by default before it starts dropping. */
export const DEFAULT_STREAM_CAPACITY = 1024;

export interface SessionEventStreamOptions {
  streamId: string;
  sessionId: string;
  /** Most events waiting for the reader; at least 2 (room for a truncation marker and an event). */
  capacity: number;
  now: () => number;
  /** Called once when the stream ends, for whatever reason. */
  onEnded: (stream: SessionEventStream) => void;
}

/**
 * One `session/stream_open` subscription: a bounded queue of the session's events, read with `for await`.
 *
 * Overflow policy (00-decisions.md §5): the stream never ends because its reader is slow. When
 * `capacity` events wait, newer events are dropped and counted; once room returns (or the reader has
 * taken everything) the reader gets one `stream_truncated{reason}` event naming how many were dropped,
 * then the events that came after. `sequence` counts the notifications delivered, from 1, without gaps.
 * The stream ends with exactly one `session/stream_end` (after the events already queued); then the
 * iterator finishes. The `terminal_error` outcome of §8.3 is therefore never produced.
 */
export class SessionEventStream implements AsyncIterable<StreamNotification> {
  readonly streamId: string;
  readonly sessionId: string;
  private readonly capacity: number;
  private readonly now: () => number;
  private readonly onEnded: (stream: SessionEventStream) => void;
  private queue: StreamNotification[] = [];
  private sequence = 0;
  private dropped = 0;
  private lastDroppedSeq = 0;
  private end: SessionStreamEndParams | undefined;
  private finished = false;
  private waiter: ((result: IteratorResult<StreamNotification>) => void) | undefined;

  constructor(options: SessionEventStreamOptions) {
    this.streamId = options.streamId;
    this.sessionId = options.sessionId;
    this.capacity = Math.max(2, Math.floor(options.capacity));
    this.now = options.now;
    this.onEnded = options.onEnded;
  }

  /** The result of `session/stream_open` for this stream. */
  get opened(): StreamOpened {
    return { stream_id: this.streamId, session_id: this.sessionId, opened: true };
  }

  /** Whether the stream has ended (its end notification may still be waiting for the reader). */
  get ended(): boolean {
    return this.end !== undefined || this.finished;
  }

  /** Events dropped and not yet reported by a truncation marker. */
  get droppedPending(): number {
    return this.dropped;
  }

  /** Queues one event of the session; drops it when the reader is `capacity` events behind. */
  push(envelope: EventEnvelope): void {
    if (this.ended) return;
    const room = this.capacity - this.queue.length;
    if (room < (this.dropped > 0 ? 2 : 1)) {
      this.dropped += 1;
      this.lastDroppedSeq = envelope.seq;
      return;
    }
    this.flushTruncation();
    this.queue.push(this.eventNotification(envelope));
    this.wake();
  }

  /** Ends the stream with `outcome`; the reader still gets what was queued, then the end. Idempotent. */
  close(outcome: StreamEndOutcome): void {
    if (this.ended) return;
    this.flushTruncation();
    this.end = { stream_id: this.streamId, session_id: this.sessionId, ended: true, outcome };
    this.onEnded(this);
    this.wake();
  }

  [Symbol.asyncIterator](): AsyncIterator<StreamNotification> {
    return {
      next: () => this.next(),
      return: () => {
        // The reader went away: end without a notification nobody would read.
        this.close('explicit_close');
        this.finish();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  /** The next notification; resolves `done` after the end notification. One reader at a time. */
  next(): Promise<IteratorResult<StreamNotification>> {
    const ready = this.take();
    if (ready) return Promise.resolve(ready);
    if (this.waiter) return Promise.reject(new Error('a session stream has a single reader'));
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  private take(): IteratorResult<StreamNotification> | undefined {
    const head = this.queue.shift();
    if (head) return { value: head, done: false };
    if (this.dropped > 0) {
      this.flushTruncation();
      const marker = this.queue.shift();
      if (marker) return { value: marker, done: false };
    }
    if (this.end) {
      const end = this.end;
      this.finish();
      return { value: { method: 'session/stream_end', params: end }, done: false };
    }
    if (this.finished) return { value: undefined, done: true };
    return undefined;
  }

  private finish(): void {
    this.finished = true;
    this.end = undefined;
    this.queue = [];
  }

  private flushTruncation(): void {
    if (this.dropped === 0) return;
    const reason = `${this.dropped} events dropped: the stream's reader fell ${this.capacity} events behind`;
    this.dropped = 0;
    const marker = sessionEnvelope(
      this.sessionId,
      this.lastDroppedSeq,
      { type: 'stream_truncated', reason },
      this.now(),
    );
    this.queue.push(this.eventNotification(marker));
  }

  private eventNotification(envelope: EventEnvelope): StreamNotification {
    this.sequence += 1;
    return {
      method: 'session/stream_event',
      params: {
        stream_id: this.streamId,
        sequence: this.sequence,
        session_id: this.sessionId,
        event: toSessionEventObject(envelope),
      },
    };
  }

  private wake(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    const ready = this.take();
    if (!ready) return;
    this.waiter = undefined;
    waiter(ready);
  }
}
