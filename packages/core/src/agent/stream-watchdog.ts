import type { Clock } from '../ports/clock.js';

export interface StreamWatchdogOptions {
  clock: Clock;
  /** Longest wait for the next item. */
  idleTimeoutMs: number;
  /** Ends the wait early; the generator then throws the signal's reason. */
  signal: AbortSignal;
  /** Builds the error thrown when no item arrived in time. */
  onStall(): Error;
}

type Interruption = 'stalled' | 'aborted';

function ignore(): undefined {
  return undefined;
}

function closeQuietly(iterator: AsyncIterator<unknown>): void {
  // A stalled or aborted source may never settle its pending `next()`; do not wait for `return()` either.
  void Promise.resolve()
    .then(() => iterator.return?.())
    .catch(ignore);
}

/**
 * Re-yields `source`, failing with `onStall()` when no item arrives within `idleTimeoutMs` (measured
 * with the injected clock) and with the signal's reason when the signal aborts. Works with any client's
 * iterator, including one that ignores its abort signal: the pending read is abandoned, never awaited.
 */
export async function* withStreamWatchdog<T>(
  source: AsyncIterable<T>,
  options: StreamWatchdogOptions,
): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  // One listener for the whole stream (not one derived signal per item): it ends the current wait.
  let wait: AbortController | undefined;
  const onAbort = (): void => wait?.abort();
  options.signal.addEventListener('abort', onAbort, { once: true });
  let done = false;
  try {
    for (;;) {
      if (options.signal.aborted) throw options.signal.reason;
      wait = new AbortController();
      const next = iterator.next();
      next.catch(ignore);
      const idle = options.clock.sleep(options.idleTimeoutMs, wait.signal).then(
        (): Interruption => 'stalled',
        (): Interruption => 'aborted',
      );
      let step: IteratorResult<T> | Interruption;
      try {
        step = await Promise.race([next, idle]);
      } finally {
        wait.abort();
      }
      if (step === 'stalled') throw options.onStall();
      if (step === 'aborted') throw options.signal.reason;
      if (step.done === true) {
        done = true;
        return;
      }
      yield step.value;
    }
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    if (!done) closeQuietly(iterator);
  }
}
