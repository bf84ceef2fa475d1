import { parseEvent, type StreamEvent } from './events.js';

/** One item of a session subscription: the event envelope, camelCase, keys absent when the wire lacks them. */
export interface AgentEventEnvelope {
  readonly eventId?: string;
  readonly source?: Readonly<Record<string, unknown>>;
  readonly sourceId?: string;
  readonly seq?: number;
  readonly timestampMs?: number;
  readonly mobId?: string;
  readonly payload: StreamEvent;
}

/** The `params` of the `session/stream_end` that ended a subscription. */
export type StreamEndOutcome = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one `session/stream_event` event (an envelope whose `payload` is the AgentEvent). */
export function parseEnvelope(raw: unknown): AgentEventEnvelope {
  const wire = isRecord(raw) ? raw : {};
  const payload = isRecord(wire.payload) ? wire.payload : wire;
  const envelope: Record<string, unknown> = { payload: parseEvent(payload) };
  if (typeof wire.event_id === 'string') envelope.eventId = wire.event_id;
  if (isRecord(wire.source)) envelope.source = wire.source;
  if (typeof wire.source_id === 'string') envelope.sourceId = wire.source_id;
  if (typeof wire.seq === 'number') envelope.seq = wire.seq;
  if (typeof wire.timestamp_ms === 'number') envelope.timestampMs = wire.timestamp_ms;
  if (typeof wire.mob_id === 'string') envelope.mobId = wire.mob_id;
  return envelope as unknown as AgentEventEnvelope;
}

/**
 * A standalone event stream (`session/stream_open`): every event of the session, from every run, until the
 * runtime ends it (`terminalOutcome`), `close()` is called, or the connection is lost. Iterate it once.
 */
export class EventSubscription<T = AgentEventEnvelope> implements AsyncIterable<T> {
  private readonly queue: T[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  private outcome: StreamEndOutcome | undefined;
  private closing: Promise<void> | undefined;

  /** @internal */
  constructor(
    private readonly streamId: string,
    private readonly onClose: (streamId: string) => Promise<void>,
    private readonly parse: (raw: unknown) => T = parseEnvelope as unknown as (raw: unknown) => T,
  ) {}

  /** The stream id the runtime assigned. */
  get id(): string {
    return this.streamId;
  }

  /** True once the stream ended (by the runtime, `close()` or connection loss). */
  get isClosed(): boolean {
    return this.ended;
  }

  /** The `session/stream_end` params, when the runtime ended the stream. */
  get terminalOutcome(): StreamEndOutcome | undefined {
    return this.outcome;
  }

  /** @internal Queues one `session/stream_event` event. */
  push(raw: unknown): void {
    if (this.ended) return;
    this.queue.push(this.parse(raw));
    this.signal();
  }

  /** @internal Ends the stream (`outcome`: the stream_end params, if any). */
  end(outcome?: StreamEndOutcome): void {
    if (this.ended) return;
    this.ended = true;
    if (outcome !== undefined) this.outcome = outcome;
    this.signal();
  }

  /** Ends iteration and sends `session/stream_close` (`mob/stream_close`) once; its error propagates. */
  close(): Promise<void> {
    if (!this.closing) {
      this.end();
      this.closing = this.onClose(this.streamId);
    }
    return this.closing;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const next = this.queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Parses one mob-wide stream item `{source, role | profile, envelope}` (the profile read from either key). */
export function parseAttributedMobEvent(raw: unknown): {
  source: string;
  profile: string;
  envelope: AgentEventEnvelope;
} {
  const wire = isRecord(raw) ? raw : {};
  const profile = typeof wire.profile === 'string' ? wire.profile : wire.role;
  return {
    source: typeof wire.source === 'string' ? wire.source : '',
    profile: typeof profile === 'string' ? profile : '',
    envelope: parseEnvelope(wire.envelope),
  };
}
