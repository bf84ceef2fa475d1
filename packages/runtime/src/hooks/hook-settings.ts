import type { HookEntryConfig } from '@rkat/contracts';

/** The realm's `[hooks]` section (01 §10), normalized. */
export interface HooksSettings {
  defaultTimeoutMs: number;
  payloadMaxBytes: number;
  backgroundMaxConcurrency: number;
  entries: HookEntryConfig[];
}

export const DEFAULT_HOOKS_SETTINGS: Readonly<HooksSettings> = {
  defaultTimeoutMs: 5000,
  payloadMaxBytes: 131_072,
  backgroundMaxConcurrency: 32,
  entries: [],
};

/**
 * The slots of background hooks, shared by every run of a runtime (`background_max_concurrency`), and
 * the signal that stops them all when the runtime closes (so no hook process outlives it).
 */
export class BackgroundHookSlots {
  #active = 0;
  readonly #closing = new AbortController();

  /** Aborted by `abortAll`. */
  get signal(): AbortSignal {
    return this.#closing.signal;
  }

  /** Stops every running background hook and refuses new ones. */
  abortAll(): void {
    this.#closing.abort(new Error('runtime closed'));
  }

  /** Takes a slot when one of `max` is free. */
  tryTake(max: number): boolean {
    if (this.#closing.signal.aborted || this.#active >= Math.max(1, max)) return false;
    this.#active += 1;
    return true;
  }

  release(): void {
    this.#active = Math.max(0, this.#active - 1);
  }

  get active(): number {
    return this.#active;
  }
}
