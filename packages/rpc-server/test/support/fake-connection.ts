import type { ConnectionPort, NotifyOptions, RequestContext } from '../../src/transport/index.js';

/** One notification a fake connection accepted or refused. */
export interface SentNotification {
  method: string;
  params: Record<string, unknown>;
  kind: 'event' | 'control';
  streamKey: string | undefined;
  queued: boolean;
}

/**
 * A `ConnectionPort` that records notifications. `dropEvents` makes it refuse `event` notifications, as the
 * outbound queue does when it is full; `control` ones are always queued.
 */
export class FakeConnection implements ConnectionPort {
  readonly id = 'conn-fake';
  readonly sent: SentNotification[] = [];
  readonly controller = new AbortController();
  dropEvents = false;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  notify(method: string, params: unknown, options: NotifyOptions = {}): boolean {
    const kind = options.kind ?? 'event';
    const queued = !(this.dropEvents && kind === 'event');
    this.sent.push({
      method,
      params: params as Record<string, unknown>,
      kind,
      streamKey: options.streamKey,
      queued,
    });
    return queued;
  }

  callClient(): Promise<unknown> {
    return Promise.reject(new Error('no client in this test'));
  }

  /** The notifications that were queued. */
  queued(): SentNotification[] {
    return this.sent.filter((entry) => entry.queued);
  }

  /** A request context on this connection. */
  context(id = 1): RequestContext {
    return {
      id,
      method: 'turn/start',
      signal: new AbortController().signal,
      connection: this,
      notify: (method, params, options) => this.notify(method, params, options),
      callClient: () => this.callClient(),
    };
  }
}
