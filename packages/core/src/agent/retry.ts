import type { AgentEvent } from '@rkat/contracts';
import { LlmError } from '../errors/llm-error.js';
import type { Clock } from '../ports/clock.js';
import type { LlmResponse } from '../ports/llm-client.js';
import type { RetryPolicy } from './run-options.js';
import type { ModelCallOutcome } from './model-call.js';

/**
 * The original Meerkat's `RetryPolicy` defaults: 3 retries, 500 ms doubling up to 30 s, ±10% jitter; a
 * stream silent for 300 s stalls (00-decisions.md §15).
 */
export const DEFAULT_RETRY_POLICY: Readonly<Required<RetryPolicy>> = {
  maxRetries: 3,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  multiplier: 2,
  jitter: true,
  streamIdleTimeoutMs: 300_000,
};

/** A provider's `retry-after` is honoured up to this long even when `maxDelayMs` is shorter. */
export const RETRY_AFTER_CAP_MS = 60_000;

const NEVER_RETRIED_STATUS: ReadonlySet<number> = new Set([400, 401, 403, 404]);

/**
 * Whether a failed model call may be retried (00-decisions.md §15): only a retryable `LlmError`, only
 * before any visible output of that call, and never a 400/401/403/404 or a context overflow.
 */
export function isRetryableFailure(error: unknown, visibleOutput: boolean): error is LlmError {
  if (visibleOutput || !(error instanceof LlmError) || !error.retryable) return false;
  if (error.kind === 'context_exceeded') return false;
  return error.status === undefined || !NEVER_RETRIED_STATUS.has(error.status);
}

/**
 * The wait before retry number `retry` (1-based). A provider's `retryAfterMs` is used exactly, capped at
 * max(maxDelayMs, 60 s); otherwise exponential back-off capped at `maxDelayMs`, with ±10% jitter.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  error: LlmError,
  random: () => number = Math.random,
): number {
  if (error.retryAfterMs !== undefined) {
    return Math.max(0, Math.min(error.retryAfterMs, Math.max(policy.maxDelayMs, RETRY_AFTER_CAP_MS)));
  }
  const base = policy.initialDelayMs * policy.multiplier ** (retry - 1);
  const spread = (policy.jitter ?? true) ? 1 + (random() * 0.2 - 0.1) : 1;
  return Math.round(Math.max(0, Math.min(base * spread, policy.maxDelayMs)));
}

/** A model call that failed for good; the run decides whether that is a cancellation or a failure. */
export class ModelCallFailure extends Error {
  override readonly name = 'ModelCallFailure';
  /** Retries made before giving up. */
  readonly retries: number;
  /** True when the error was retryable but the policy had no retries left. */
  readonly exhausted: boolean;

  constructor(cause: unknown, retries: number, exhausted: boolean) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.retries = retries;
    this.exhausted = exhausted;
  }
}

export interface RetryOptions {
  policy: RetryPolicy;
  clock: Clock;
  /** Aborts a back-off wait; the wait then rejects with the signal's reason. */
  signal: AbortSignal;
  emit(event: AgentEvent): void;
}

/**
 * Runs `attempt` until it succeeds or fails for good, emitting `retrying` before each back-off wait.
 * Throws `ModelCallFailure` (the last error as `cause`), or the signal's reason when aborted.
 */
export async function callWithRetry(
  attempt: () => Promise<ModelCallOutcome>,
  options: RetryOptions,
): Promise<LlmResponse> {
  for (let retries = 0; ; retries += 1) {
    const outcome = await attempt();
    if (outcome.ok) return outcome.response;
    if (options.signal.aborted) throw options.signal.reason;
    if (!isRetryableFailure(outcome.error, outcome.visibleOutput)) {
      throw new ModelCallFailure(outcome.error, retries, false);
    }
    if (retries >= options.policy.maxRetries) throw new ModelCallFailure(outcome.error, retries, true);
    const delay = retryDelayMs(options.policy, retries + 1, outcome.error);
    options.emit({
      type: 'retrying',
      attempt: retries + 1,
      max_attempts: options.policy.maxRetries,
      error: outcome.error.message,
      delay_ms: delay,
    });
    await options.clock.sleep(delay, options.signal);
  }
}
