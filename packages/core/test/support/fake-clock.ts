import type { Clock } from '../../src/ports/clock.js';

interface Timer {
  due: number;
  seq: number;
  fire(): void;
}

/**
 * A virtual clock. `sleep` registers a timer that fires when virtual time reaches it. With
 * `autoAdvance` (the default) the clock jumps to the earliest timer whenever the process is otherwise
 * idle (all promise work settled), so waits of any length cost no real time and keep their order.
 */
export class FakeClock implements Clock {
  #now: number;
  readonly #timers = new Set<Timer>();
  readonly #autoAdvance: boolean;
  #seq = 0;
  #checkScheduled = false;
  /** Every requested sleep duration, in order. */
  readonly sleeps: number[] = [];

  constructor(options: { start?: number; autoAdvance?: boolean } = {}) {
    this.#now = options.start ?? Date.UTC(2026, 0, 1);
    this.#autoAdvance = options.autoAdvance ?? true;
  }

  now(): number {
    return this.#now;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        this.#timers.delete(timer);
        reject(signal?.reason);
      };
      const timer: Timer = {
        due: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.add(timer);
      this.#scheduleCheck();
    });
  }

  /** Moves virtual time forward by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (let timer = this.#earliest(); timer && timer.due <= target; timer = this.#earliest()) {
      this.#fire(timer);
    }
    this.#now = target;
  }

  #earliest(): Timer | undefined {
    let earliest: Timer | undefined;
    for (const timer of this.#timers) {
      if (!earliest || timer.due < earliest.due || (timer.due === earliest.due && timer.seq < earliest.seq)) {
        earliest = timer;
      }
    }
    return earliest;
  }

  #fire(timer: Timer): void {
    this.#timers.delete(timer);
    this.#now = Math.max(this.#now, timer.due);
    timer.fire();
  }

  #scheduleCheck(): void {
    if (!this.#autoAdvance || this.#checkScheduled) return;
    this.#checkScheduled = true;
    setImmediate(() => {
      this.#checkScheduled = false;
      const timer = this.#earliest();
      if (timer) this.#fire(timer);
      if (this.#timers.size > 0) this.#scheduleCheck();
    });
  }
}
