import type { Writable } from 'node:stream';
import { silentLogger, type Logger } from './logger.js';

/**
 * What an outbound line is. Responses and server→client requests are never dropped; `control`
 * notifications are never dropped either; `event` notifications are dropped past the bound.
 */
export type OutboundKind = 'response' | 'request' | 'control' | 'event';

/** One line to write (without its `\n`). */
export interface OutboundItem {
  readonly line: string;
  readonly kind: OutboundKind;
  /** The notification's method, reported with drops. */
  readonly method?: string;
  /** Groups dropped events for the lag report, e.g. a session id. Default: the method. */
  readonly streamKey?: string;
}

/** Dropped events of one stream key. */
export interface DroppedEvents {
  readonly streamKey: string;
  readonly method: string;
  readonly count: number;
}

/**
 * Called once room returns after events were dropped, with the total and the drops per stream key (a
 * summary, not the messages: keeping them would defeat the bound). The listener may enqueue lag markers
 * (e.g. `stream_truncated` events, as `control` notifications) synchronously. Must not throw.
 */
export type DropListener = (count: number, dropped: readonly DroppedEvents[]) => void;

/** Why the output failed: blocked past the write timeout, errored, or closed under the queue. */
export type OutputFailure = 'write_timeout' | 'output_error' | 'output_closed';

/** Options of an `OutboundQueue`. */
export interface OutboundQueueOptions {
  readonly output: Writable;
  readonly maxQueuedNotifications: number;
  readonly writeTimeoutMs: number;
  readonly onDropped?: DropListener;
  /** Called once when the output can no longer be written; the queue is stopped by then. */
  readonly onFailure: (failure: OutputFailure, error?: unknown) => void;
  readonly logger?: Logger;
}

/**
 * The single writer of a connection: writes lines in FIFO order, one `write` per line, and stops while the
 * output applies backpressure. Notifications waiting in the queue are bounded; see `OutboundKind`.
 */
export class OutboundQueue {
  private readonly options: OutboundQueueOptions;
  private readonly logger: Logger;
  private items: OutboundItem[] = [];
  private head = 0;
  private notifications = 0;
  private blocked = false;
  private pumping = false;
  private stopped = false;
  private writeTimer: NodeJS.Timeout | undefined;
  private drainWaiters: (() => void)[] = [];
  private droppedCount = 0;
  private readonly droppedByKey = new Map<string, { method: string; count: number }>();

  constructor(options: OutboundQueueOptions) {
    this.options = options;
    this.logger = options.logger ?? silentLogger;
    options.output.on('drain', () => this.onDrain());
    options.output.on('error', (error) => this.fail('output_error', error));
    options.output.on('close', () => this.fail('output_closed'));
  }

  /** Notifications waiting to be written. */
  get queuedNotifications(): number {
    return this.notifications;
  }

  /** Queues a line. Returns false when it was dropped (an event past the bound) or the queue is stopped. */
  enqueue(item: OutboundItem): boolean {
    if (this.stopped) return false;
    const isNotification = item.kind === 'event' || item.kind === 'control';
    if (item.kind === 'event' && this.notifications >= this.options.maxQueuedNotifications) {
      this.recordDrop(item);
      return false;
    }
    if (isNotification) this.notifications += 1;
    this.items.push(item);
    this.pump();
    return true;
  }

  /** Resolves when everything queued has been handed to the output, or the queue stopped. Never rejects. */
  drained(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Stops writing; queued lines are discarded and `drained()` waiters released. Idempotent. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.writeTimer);
    this.items = [];
    this.head = 0;
    this.notifications = 0;
    this.releaseWaiters();
  }

  private isIdle(): boolean {
    return this.stopped || (this.head === this.items.length && !this.blocked);
  }

  private pump(): void {
    // Re-entrant calls (a drop listener enqueueing) only append; the running loop writes them.
    if (this.pumping || this.blocked || this.stopped) return;
    this.pumping = true;
    try {
      while (this.head < this.items.length && !this.stopped) {
        const item = this.items[this.head] as OutboundItem;
        this.head += 1;
        if (item.kind === 'event' || item.kind === 'control') {
          this.notifications -= 1;
          this.reportDropsIfRoom();
        }
        if (!this.options.output.write(`${item.line}\n`)) {
          this.block();
          break;
        }
      }
      this.compact();
    } finally {
      this.pumping = false;
    }
    if (this.isIdle()) this.releaseWaiters();
  }

  private block(): void {
    this.blocked = true;
    this.writeTimer = setTimeout(() => this.fail('write_timeout'), this.options.writeTimeoutMs);
  }

  private onDrain(): void {
    if (!this.blocked) return;
    this.blocked = false;
    clearTimeout(this.writeTimer);
    this.pump();
  }

  private fail(failure: OutputFailure, error?: unknown): void {
    if (this.stopped) return;
    this.logger.warn('output failed', { failure, error });
    this.stop();
    this.options.onFailure(failure, error);
  }

  private recordDrop(item: OutboundItem): void {
    const method = item.method ?? 'unknown';
    const key = item.streamKey ?? method;
    const entry = this.droppedByKey.get(key);
    if (entry) entry.count += 1;
    else this.droppedByKey.set(key, { method, count: 1 });
    this.droppedCount += 1;
  }

  private reportDropsIfRoom(): void {
    if (this.droppedCount === 0) return;
    if (this.notifications > Math.floor(this.options.maxQueuedNotifications / 2)) return;
    const count = this.droppedCount;
    const dropped = [...this.droppedByKey].map(([streamKey, entry]) => ({ streamKey, ...entry }));
    this.droppedCount = 0;
    this.droppedByKey.clear();
    this.logger.debug('events dropped under backpressure', { count });
    try {
      this.options.onDropped?.(count, dropped);
    } catch (error) {
      this.logger.error('drop listener threw', { error });
    }
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  private releaseWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
