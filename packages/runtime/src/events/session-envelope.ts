import { v7 as uuidv7 } from 'uuid';
import type { AgentEvent, EventEnvelope } from '@rkat/contracts';

/** An envelope whose payload type is known. */
export type EnvelopeOf<E extends AgentEvent = AgentEvent> = EventEnvelope & { payload: E };

/**
 * Wraps one event of a session as the §8.1 envelope: a fresh UUID v7 `event_id`, `source
 * {type:"session", session_id}`, `source_id "session:<id>"`, the given `seq` and epoch-millisecond timestamp.
 */
export function sessionEnvelope<E extends AgentEvent>(
  sessionId: string,
  seq: number,
  payload: E,
  timestampMs: number,
): EnvelopeOf<E> {
  return {
    event_id: uuidv7(),
    source: { type: 'session', session_id: sessionId },
    source_id: `session:${sessionId}`,
    seq,
    timestamp_ms: Math.max(0, Math.floor(timestampMs)),
    payload,
  };
}

/**
 * Numbers the events of one live session instance: `seq` starts at 1 and increments by one per event
 * (01 §8.1). A new instance (after a reload or restart) starts again at 1.
 */
export class EnvelopeSequencer {
  private seq = 0;

  constructor(
    private readonly sessionId: string,
    private readonly now: () => number,
  ) {}

  /** The `seq` of the last wrapped event (0 before the first). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Wraps the next event of the session. */
  wrap<E extends AgentEvent>(payload: E): EnvelopeOf<E> {
    this.seq += 1;
    return sessionEnvelope(this.sessionId, this.seq, payload, this.now());
  }
}
