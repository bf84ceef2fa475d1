import type { HookRunOverrides } from '@rkat/contracts';
import {
  hookConfigInvalidError,
  type HookDenial,
  type HookGate,
  type HookGateContext,
  type HookInvocation,
} from '@rkat/core';
import { effectiveHookEntries, HookConfigError, type ResolvedHookEntry } from './hook-entries.js';
import { executeHook, type HookExecutionOptions, type HookOutcome } from './hook-execution.js';
import type { BackgroundHookSlots, HooksSettings } from './hook-settings.js';
import type { InProcessHookRegistry } from './in-process-hooks.js';

export interface HookRunnerOptions {
  settings: HooksSettings;
  /** The session's `hooks_override`. */
  overrides?: HookRunOverrides | null;
  registry: InProcessHookRegistry;
  background: BackgroundHookSlots;
  /** Working directory of `command` hooks. */
  cwd: string;
  now?: () => number;
}

/** A foreground hook's verdict: its deny, a failure turned into a deny (`fail_closed`), or nothing. */
function denialOf(entry: ResolvedHookEntry, outcome: HookOutcome, point: HookInvocation['point']) {
  if (!outcome.ok) {
    if (entry.failurePolicy !== 'fail_closed') return undefined;
    const reasonCode = outcome.timedOut ? ('timeout' as const) : ('runtime_error' as const);
    return { hookId: entry.id, point, reasonCode, message: outcome.error };
  }
  const { decision } = outcome;
  if (decision?.decision !== 'deny') return undefined;
  const denial: HookDenial = {
    hookId: entry.id,
    point,
    reasonCode: decision.reasonCode,
    message: decision.message,
  };
  if (decision.payload !== undefined) denial.payload = decision.payload;
  return denial;
}

/** Only a guardrail may deny (02 §6.1); a deny of any other hook is that hook's failure. */
function withAuthority(entry: ResolvedHookEntry, outcome: HookOutcome): HookOutcome {
  if (!outcome.ok || outcome.decision?.decision !== 'deny' || entry.capability === 'guardrail')
    return outcome;
  const error = `hook '${entry.id}' may not deny: its capability is ${entry.capability}`;
  return { ok: false, error, timedOut: false, durationMs: outcome.durationMs };
}

/**
 * The hook runner of one run (02 §6.1), the runtime's `HookGate`: the configured entries minus
 * `hooks_override.disable`, plus its entries. Per point, foreground hooks run one by one in (priority,
 * registration) order, each announced by `hook_started` and closed by `hook_completed` or `hook_failed`;
 * the first deny emits `hook_denied` and skips the remaining foreground and all background hooks.
 * Background hooks then start without being awaited (bounded by `background_max_concurrency`; a full
 * pool skips them) and their answers are ignored.
 */
export class HookRunner implements HookGate {
  readonly #entries: ResolvedHookEntry[];
  readonly #configError: string | undefined;
  readonly #options: HookRunnerOptions;

  constructor(options: HookRunnerOptions) {
    this.#options = options;
    let entries: ResolvedHookEntry[] = [];
    let configError: string | undefined;
    try {
      entries = effectiveHookEntries(options.settings.entries, options.overrides);
    } catch (error) {
      if (!(error instanceof HookConfigError)) throw error;
      configError = error.message;
    }
    this.#entries = entries;
    this.#configError = configError;
  }

  /** Whether any enabled hook is configured for this run. */
  get empty(): boolean {
    return this.#configError === undefined && !this.#entries.some((entry) => entry.enabled);
  }

  async run(invocation: HookInvocation, context: HookGateContext): Promise<HookDenial | undefined> {
    if (this.#configError !== undefined) throw hookConfigInvalidError(this.#configError);
    const matching = this.#entries.filter((entry) => entry.enabled && entry.point === invocation.point);
    if (matching.length === 0) return undefined;
    const payload = Buffer.from(JSON.stringify(invocation), 'utf8');
    const foreground = matching
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => entry.mode === 'foreground')
      .sort((a, b) => a.entry.priority - b.entry.priority || a.index - b.index)
      .map(({ entry }) => entry);
    const execution = this.#execution(context.signal);
    for (const entry of foreground) {
      if (context.signal?.aborted) return undefined;
      const denial = await this.#runForeground(entry, invocation, payload, execution, context);
      if (denial !== undefined) return denial;
    }
    for (const entry of matching.filter((candidate) => candidate.mode === 'background')) {
      this.#startBackground(entry, invocation, payload);
    }
    return undefined;
  }

  async #runForeground(
    entry: ResolvedHookEntry,
    invocation: HookInvocation,
    payload: Buffer,
    execution: HookExecutionOptions,
    context: HookGateContext,
  ): Promise<HookDenial | undefined> {
    const { point } = invocation;
    context.emit({ type: 'hook_started', hook_id: entry.id, point });
    const outcome = withAuthority(entry, await executeHook(entry, invocation, payload, execution));
    if (context.signal?.aborted) {
      // Interrupted: the loop reports the cancellation; a fail_closed deny would misname it.
      context.emit({ type: 'hook_failed', hook_id: entry.id, point, error: 'interrupted: the run stopped' });
      return undefined;
    }
    if (outcome.ok) {
      context.emit({ type: 'hook_completed', hook_id: entry.id, point, duration_ms: outcome.durationMs });
    } else {
      context.emit({ type: 'hook_failed', hook_id: entry.id, point, error: outcome.error });
    }
    const denial = denialOf(entry, outcome, point);
    if (denial === undefined) return undefined;
    context.emit({
      type: 'hook_denied',
      hook_id: denial.hookId,
      point,
      reason_code: denial.reasonCode,
      message: denial.message,
      ...(denial.payload !== undefined ? { payload: denial.payload } : {}),
    });
    return denial;
  }

  #startBackground(entry: ResolvedHookEntry, invocation: HookInvocation, payload: Buffer): void {
    const { background, settings } = this.#options;
    if (!background.tryTake(settings.backgroundMaxConcurrency)) return;
    void executeHook(entry, invocation, payload, this.#execution(background.signal)).finally(() =>
      background.release(),
    );
  }

  #execution(signal: AbortSignal | undefined): HookExecutionOptions {
    const { settings, registry, cwd } = this.#options;
    return {
      registry,
      cwd,
      defaultTimeoutMs: settings.defaultTimeoutMs,
      payloadMaxBytes: settings.payloadMaxBytes,
      now: this.#options.now ?? (() => performance.now()),
      ...(signal ? { signal } : {}),
    };
  }
}
