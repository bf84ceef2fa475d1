/** The signal one provider call runs under: the caller's abort, an optional whole-call timeout, and release. */
export interface CallSignal {
  readonly signal: AbortSignal;
  /** True when the call timeout fired (as opposed to the caller aborting). */
  readonly timedOut: boolean;
  /** Aborts the HTTP request when the stream is left early; a no-op after it ended. */
  release(): void;
  dispose(): void;
}

/** Combines the request's signal with a timer of `timeoutMs` (none when undefined or not positive). */
export function createCallSignal(callerSignal: AbortSignal, timeoutMs: number | undefined): CallSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs !== undefined && timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new Error(`call timed out after ${timeoutMs} ms`));
        }, timeoutMs)
      : undefined;
  return {
    signal: AbortSignal.any([callerSignal, controller.signal]),
    get timedOut() {
      return timedOut;
    },
    release: () => controller.abort(new Error('stream closed by the caller')),
    dispose: () => clearTimeout(timer),
  };
}
