import { toSessionEventObject, type SessionStreamEventParams } from '@rkat/contracts';
import { sessionEnvelope, type SessionEventStream, type StreamNotification } from '@rkat/runtime';
import type { ConnectionPort, Logger } from '../transport/index.js';
import { connectionEvents } from './connection-events.js';

/**
 * Sends one `session/stream_open` subscription to its connection (01 §8.3). Events are droppable
 * notifications; `stream_truncated` markers and `session/stream_end` are control notifications. `sequence`
 * is numbered here, over what was actually queued, so the client sees no gap: a dropped event's number is
 * reused, and the drop is reported by a marker (`reportDropped`).
 */
export class StreamForwarder {
  private sent = 0;
  private lastDroppedSeq = 0;

  constructor(
    private readonly stream: SessionEventStream,
    private readonly connection: ConnectionPort,
  ) {}

  get streamId(): string {
    return this.stream.streamId;
  }

  /**
   * Forwards until the stream ends (its `stream_end` included), registered meanwhile with the connection so
   * that `reportDroppedEvents` finds it. Never rejects.
   */
  async run(logger: Logger): Promise<void> {
    const streams = connectionEvents(this.connection).streams;
    streams.set(this.streamId, this);
    try {
      for await (const notification of this.stream) this.forward(notification);
    } catch (error) {
      logger.error('session stream forwarding failed', { stream_id: this.streamId, error });
    } finally {
      streams.delete(this.streamId);
    }
  }

  /** Queues a `stream_truncated` marker for events the transport dropped. */
  reportDropped(reason: string): void {
    const marker = sessionEnvelope(
      this.stream.sessionId,
      this.lastDroppedSeq,
      { type: 'stream_truncated', reason },
      Date.now(),
    );
    this.send(
      {
        stream_id: this.streamId,
        sequence: 0,
        session_id: this.stream.sessionId,
        event: toSessionEventObject(marker),
      },
      'control',
    );
  }

  private forward(notification: StreamNotification): void {
    if (notification.method === 'session/stream_end') {
      this.connection.notify('session/stream_end', notification.params, { kind: 'control' });
      return;
    }
    const params = notification.params;
    const kind = params.event.type === 'stream_truncated' ? 'control' : 'event';
    if (!this.send(params, kind)) this.lastDroppedSeq = params.event.seq;
  }

  private send(params: SessionStreamEventParams, kind: 'event' | 'control'): boolean {
    const numbered = { ...params, sequence: this.sent + 1 };
    const queued = this.connection.notify('session/stream_event', numbered, {
      kind,
      streamKey: this.streamId,
    });
    if (queued) this.sent += 1;
    return queued;
  }
}
