import { randomUUID } from 'node:crypto';
import type { EventEnvelope, StreamEndOutcome } from '@rkat/contracts';
import { RuntimeError } from '../errors/runtime-error.js';
import { DEFAULT_STREAM_CAPACITY, SessionEventStream } from './session-event-stream.js';

/** The result of `session/stream_close` (01 §6.10). */
export interface StreamClosed {
  stream_id: string;
  closed: true;
  already_closed: boolean;
}

/** How many ended stream ids are remembered for `already_closed` (the original's bound). */
export const REMEMBERED_ENDED_STREAMS = 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StreamRegistryOptions {
  now: () => number;
  /** Per-stream queue bound; default `DEFAULT_STREAM_CAPACITY`. */
  capacity?: number;
}

/** The open session streams of a service, by stream id and by session. */
export class StreamRegistry {
  private readonly active = new Map<string, SessionEventStream>();
  private readonly bySession = new Map<string, Set<SessionEventStream>>();
  /** Ended streams not yet reported by a close, oldest first (a Set keeps insertion order). */
  private readonly ended = new Set<string>();
  private readonly capacity: number;

  constructor(private readonly options: StreamRegistryOptions) {
    this.capacity = options.capacity ?? DEFAULT_STREAM_CAPACITY;
  }

  /** Opens a stream of `sessionId` (a UUID v4 id); it receives every later event of the session. */
  open(sessionId: string): SessionEventStream {
    const stream = new SessionEventStream({
      streamId: randomUUID(),
      sessionId,
      capacity: this.capacity,
      now: this.options.now,
      onEnded: (ended) => this.forget(ended),
    });
    this.active.set(stream.streamId, stream);
    let streams = this.bySession.get(sessionId);
    if (!streams) {
      streams = new Set();
      this.bySession.set(sessionId, streams);
    }
    streams.add(stream);
    return stream;
  }

  /** Hands one event to every open stream of its session. */
  deliver(sessionId: string, envelope: EventEnvelope): void {
    for (const stream of this.bySession.get(sessionId) ?? []) stream.push(envelope);
  }

  /**
   * Closes a stream (01 §6.10): an open one ends with `explicit_close` (`already_closed: false`); one that
   * already ended answers `already_closed: true` once; an unknown id `false`. Throws
   * `RuntimeError('INVALID_PARAMS')` `Invalid stream_id: <s>` for an id that is not a UUID.
   */
  close(rawStreamId: string): StreamClosed {
    if (!UUID.test(rawStreamId)) {
      throw new RuntimeError('INVALID_PARAMS', `Invalid stream_id: ${rawStreamId}`);
    }
    const streamId = rawStreamId.toLowerCase();
    const stream = this.active.get(streamId);
    if (stream) {
      stream.close('explicit_close');
      return { stream_id: streamId, closed: true, already_closed: false };
    }
    const alreadyClosed = this.ended.delete(streamId);
    return { stream_id: streamId, closed: true, already_closed: alreadyClosed };
  }

  /** Ends every stream of a session (`remote_end` when the session goes away). */
  endSession(sessionId: string, outcome: StreamEndOutcome): void {
    for (const stream of [...(this.bySession.get(sessionId) ?? [])]) stream.close(outcome);
  }

  /** Ends every open stream. */
  endAll(outcome: StreamEndOutcome): void {
    for (const stream of [...this.active.values()]) stream.close(outcome);
  }

  /** Open streams of a session. */
  openCount(sessionId: string): number {
    return this.bySession.get(sessionId)?.size ?? 0;
  }

  private forget(stream: SessionEventStream): void {
    this.active.delete(stream.streamId);
    const streams = this.bySession.get(stream.sessionId);
    streams?.delete(stream);
    if (streams?.size === 0) this.bySession.delete(stream.sessionId);
    this.ended.add(stream.streamId);
    for (const oldest of this.ended) {
      if (this.ended.size <= REMEMBERED_ENDED_STREAMS) break;
      this.ended.delete(oldest);
    }
  }
}
