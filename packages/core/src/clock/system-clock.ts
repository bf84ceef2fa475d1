import type { Clock } from '../ports/clock.js';

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

/** The real clock: wall time in epoch milliseconds and timer-based sleeps that honour an abort signal. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  /** Resolves after `ms`; rejects with the signal's reason as soon as it aborts (also when already aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortReason(signal as AbortSignal));
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** A shared `SystemClock`; the loop uses it when no clock is injected. */
export const systemClock: Clock = new SystemClock();
