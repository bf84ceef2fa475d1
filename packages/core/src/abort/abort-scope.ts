/** A cancellation scope: its signal aborts when any parent aborts or when `abort` is called. */
export interface AbortScope {
  readonly signal: AbortSignal;
  /** Aborts this scope (not its parents). Later calls are ignored. */
  abort(reason?: unknown): void;
}

/**
 * Links an own controller with any number of parent signals (`undefined` entries are skipped) using
 * `AbortSignal.any`, so aborting a parent cancels everything started under the scope.
 */
export function createAbortScope(...parents: ReadonlyArray<AbortSignal | undefined>): AbortScope {
  const controller = new AbortController();
  const signals = parents.filter((signal): signal is AbortSignal => signal !== undefined);
  const signal = signals.length === 0 ? controller.signal : AbortSignal.any([...signals, controller.signal]);
  return {
    signal,
    abort(reason?: unknown): void {
      if (!controller.signal.aborted) controller.abort(reason);
    },
  };
}
