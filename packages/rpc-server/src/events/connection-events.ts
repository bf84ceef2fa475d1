import { toSessionEventObject, type EventEnvelope } from '@rkat/contracts';
import { sessionEnvelope, type RunObserver, type SessionEventListener } from '@rkat/runtime';
import type { ConnectionPort, DroppedEvents, RequestContext } from '../transport/index.js';
import type { StreamForwarder } from './stream-forwarder.js';

/** What one connection's event forwarding remembers: dropped `session/event` seqs and open streams. */
interface ConnectionEvents {
  /** Per session: the `seq` of the last `session/event` dropped and not yet reported. */
  readonly droppedSeq: Map<string, number>;
  /** Open stream forwarders by stream id. */
  readonly streams: Map<string, StreamForwarder>;
}

const states = new WeakMap<ConnectionPort, ConnectionEvents>();
/** Envelopes a request's run observer has sent; the background forwarder skips them. */
const sentByRequest = new WeakSet<EventEnvelope>();

/** The forwarding state of a connection; created on first use and forgotten with the connection. */
export function connectionEvents(connection: ConnectionPort): ConnectionEvents {
  let state = states.get(connection);
  if (!state) {
    state = { droppedSeq: new Map(), streams: new Map() };
    states.set(connection, state);
  }
  return state;
}

/** `session/event` params of one envelope (00-decisions.md §1): the flat + envelope event object. */
export function sessionEventParams(envelope: EventEnvelope): { session_id: string; event: unknown } {
  return { session_id: sessionIdOf(envelope), event: toSessionEventObject(envelope) };
}

function sessionIdOf(envelope: EventEnvelope): string {
  if (envelope.source.type === 'session') return envelope.source.session_id;
  return envelope.source_id.startsWith('session:')
    ? envelope.source_id.slice('session:'.length)
    : envelope.source_id;
}

/**
 * The observer of a run started by a request (01 §8.1, 00-decisions.md §2): each event goes out as
 * `session/event` through the request, so it is written before the request's response; the request's
 * signal (cancel, connection close) interrupts the run. Events dropped under backpressure are reported
 * later by `reportDroppedEvents` with a `stream_truncated` marker.
 */
export function requestRunObserver(
  context: RequestContext,
): Required<Pick<RunObserver, 'signal' | 'onEvent'>> {
  return {
    signal: context.signal,
    onEvent: (_event, envelope) => {
      sentByRequest.add(envelope);
      const params = sessionEventParams(envelope);
      if (!context.notify('session/event', params, { kind: 'event', streamKey: params.session_id })) {
        connectionEvents(context.connection).droppedSeq.set(params.session_id, envelope.seq);
      }
    },
  };
}

/**
 * Sends the events of runs no request of any connection observes (a `keep_alive` create's background run,
 * 01 §8.1) to `connection` as `session/event`. Subscribe it with `SessionService.subscribe`: the runtime
 * hands each envelope to the run's own observer before the service listeners, so an envelope a request
 * already sent is recognized and skipped.
 */
export function backgroundEventForwarder(connection: ConnectionPort): SessionEventListener {
  return (sessionId, _event, envelope) => {
    if (sentByRequest.has(envelope)) return;
    if (
      !connection.notify('session/event', sessionEventParams(envelope), {
        kind: 'event',
        streamKey: sessionId,
      })
    ) {
      connectionEvents(connection).droppedSeq.set(sessionId, envelope.seq);
    }
  };
}

/**
 * The transport's lag hook (00-decisions.md §5): once room returns after events were dropped, each session
 * whose `session/event`s were dropped gets one `stream_truncated` event naming the count, and each stream
 * one `session/stream_event` marker; both as control notifications (never dropped).
 */
export function reportDroppedEvents(
  _count: number,
  dropped: readonly DroppedEvents[],
  connection: ConnectionPort,
): void {
  const state = connectionEvents(connection);
  for (const group of dropped) {
    const reason = `${group.count} events dropped: the client did not read fast enough`;
    if (group.method === 'session/event') {
      const sessionId = group.streamKey;
      const seq = state.droppedSeq.get(sessionId) ?? 0;
      state.droppedSeq.delete(sessionId);
      const marker = sessionEnvelope(sessionId, seq, { type: 'stream_truncated', reason }, Date.now());
      connection.notify('session/event', sessionEventParams(marker), { kind: 'control' });
    } else if (group.method === 'session/stream_event') {
      state.streams.get(group.streamKey)?.reportDropped(reason);
    }
  }
}
