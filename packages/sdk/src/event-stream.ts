import { MeerkatError } from './errors.js';
import { parseEvent, type StreamEvent } from './events.js';
import type { Session } from './session.js';
import type { RunResult } from './types.js';

type Outcome = { ok: true; result: RunResult } | { ok: false; error: unknown };

/**
 * The events of one run, in order, as an async iterable; `result` once iteration ended. The request was sent
 * when the stream was created; the runtime writes every event of a run before its response, so iteration
 * ends right after the run's last event. An error response makes the `for await` throw the `MeerkatError`
 * (after the events already received). Iterate it once.
 */
export class EventStream implements AsyncIterable<StreamEvent> {
  private readonly queue: StreamEvent[] = [];
  private wake: (() => void) | undefined;
  private outcome: Outcome | undefined;
  private consumed = false;
  private id: string;
  private handle: Session | undefined;

  /** @internal */
  constructor(
    sessionId: string,
    response: Promise<RunResult>,
    private readonly toSession: (result: RunResult) => Session,
  ) {
    this.id = sessionId;
    response.then(
      (result) => {
        if (this.id === '') this.id = result.sessionId;
        this.settle({ ok: true, result });
      },
      (error: unknown) => this.settle({ ok: false, error }),
    );
  }

  /** The session of the run (empty until a streamed create answered). */
  get sessionId(): string {
    return this.id;
  }

  /**
   * A `Session` handle for the run's session, seeded with the run's result (a streamed create yields its new
   * session here). Like `result`, it throws `STREAM_NOT_CONSUMED` before iteration finished, or the run's error.
   */
  get session(): Session {
    this.handle ??= this.toSession(this.result);
    return this.handle;
  }

  /** The run's result; throws `STREAM_NOT_CONSUMED` before iteration finished, or the run's error. */
  get result(): RunResult {
    if (!this.consumed || this.outcome === undefined) {
      throw new MeerkatError('STREAM_NOT_CONSUMED', 'Iterate the stream before accessing result');
    }
    if (!this.outcome.ok) throw this.outcome.error;
    return this.outcome.result;
  }

  /** @internal Queues one raw `session/event` event. */
  push(raw: unknown): void {
    this.queue.push(parseEvent(raw));
    this.signal();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    for (;;) {
      const next = this.queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.outcome !== undefined) {
        this.consumed = true;
        if (!this.outcome.ok) throw this.outcome.error;
        return;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Consumes the stream and returns the run's result. */
  async collect(): Promise<RunResult> {
    for await (const _event of this) {
      // drain
    }
    return this.result;
  }

  /** Consumes the stream; returns the concatenated `text_delta` deltas and the result. */
  async collectText(): Promise<[string, RunResult]> {
    let text = '';
    for await (const event of this) {
      if (event.type === 'text_delta') text += event.delta;
    }
    return [text, this.result];
  }

  private settle(outcome: Outcome): void {
    this.outcome = outcome;
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
