import type { AgentEvent, EventEnvelope, StreamEndOutcome } from '@rkat/contracts';
import { EnvelopeSequencer, type EnvelopeOf } from './session-envelope.js';
import type { SessionEventStream } from './session-event-stream.js';
import { StreamRegistry, type StreamClosed } from './stream-registry.js';

/** Receives every event of every session of the service, wrapped. Must not throw. */
export type SessionEventListener = (sessionId: string, event: AgentEvent, envelope: EventEnvelope) => void;

/** Receives the events of one run (the caller of `startTurn` / `createSession`). Must not throw. */
export type RunEventListener = (event: AgentEvent, envelope: EventEnvelope) => void;

export interface SessionEventHubOptions {
  now: () => number;
  /** Per-stream queue bound (`DEFAULT_STREAM_CAPACITY` when absent). */
  streamCapacity?: number;
}

function deliverSafely(call: () => void): void {
  try {
    call();
  } catch {
    // An observer's failure must not affect the run or the other observers.
  }
}

/**
 * Where every event of a session goes (01 §8): it is wrapped once as the §8.1 envelope (`seq` from 1
 * per session instance) and handed, in this order, to the run's own listener, to the service-wide
 * listeners and to the session's stream subscriptions. Listeners are called synchronously and in order;
 * each stream has its own bounded queue, so a slow stream reader never slows or loses the run's own
 * listener (the durable path never shares a lossy channel with observers, architecture.md).
 */
export class SessionEventHub {
  private readonly listeners = new Set<SessionEventListener>();
  private readonly sequencers = new Map<string, EnvelopeSequencer>();
  private readonly streams: StreamRegistry;

  constructor(private readonly options: SessionEventHubOptions) {
    this.streams = new StreamRegistry({
      now: options.now,
      ...(options.streamCapacity !== undefined ? { capacity: options.streamCapacity } : {}),
    });
  }

  /** Adds a service-wide listener. Returns the unsubscribe function. */
  subscribe(listener: SessionEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Wraps and delivers one event of a session; returns the envelope. Never throws. */
  publish<E extends AgentEvent>(sessionId: string, event: E, runListener?: RunEventListener): EnvelopeOf<E> {
    let sequencer = this.sequencers.get(sessionId);
    if (!sequencer) {
      sequencer = new EnvelopeSequencer(sessionId, this.options.now);
      this.sequencers.set(sessionId, sequencer);
    }
    const envelope = sequencer.wrap(event);
    if (runListener) deliverSafely(() => runListener(event, envelope));
    for (const listener of this.listeners) deliverSafely(() => listener(sessionId, event, envelope));
    this.streams.deliver(sessionId, envelope);
    return envelope;
  }

  /** Opens a stream subscription of a session (the caller checked that the session may be streamed). */
  openStream(sessionId: string): SessionEventStream {
    return this.streams.open(sessionId);
  }

  /** `session/stream_close`; see `StreamRegistry.close`. */
  closeStream(rawStreamId: string): StreamClosed {
    return this.streams.close(rawStreamId);
  }

  /**
   * The session's instance ends (archive): its streams end with `outcome` and its `seq` restarts at 1
   * if it is ever loaded again.
   */
  endSession(sessionId: string, outcome: StreamEndOutcome = 'remote_end'): void {
    this.streams.endSession(sessionId, outcome);
    this.sequencers.delete(sessionId);
  }

  /** Ends every stream (`remote_end`): the service is closing. */
  close(): void {
    this.streams.endAll('remote_end');
  }
}
