import type { ProviderName } from '@rkat/contracts';

/**
 * Why a model call failed. `retryable` follows 00-decisions.md §15: rate limits, overload, 5xx, network
 * failures and stalls may be retried; bad requests, auth, unknown models and context overflow may not.
 */
export type LlmErrorKind =
  | 'rate_limited'
  | 'overloaded'
  | 'server_error'
  | 'network'
  | 'stream_stalled'
  | 'call_timeout'
  | 'invalid_request'
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'context_exceeded'
  | 'content_filtered'
  | 'invalid_response'
  | 'missing_credentials'
  | 'cancelled';

const RETRYABLE_KINDS: ReadonlySet<LlmErrorKind> = new Set([
  'rate_limited',
  'overloaded',
  'server_error',
  'network',
  'stream_stalled',
  'call_timeout',
]);

export interface LlmErrorOptions {
  kind: LlmErrorKind;
  provider: ProviderName;
  model?: string;
  status?: number;
  /** Delay advised by the provider (`retry-after` / `retry-after-ms`), in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** A failed model call, with a stable `kind` and a `retryable` flag. Messages never contain secrets. */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  readonly kind: LlmErrorKind;
  readonly provider: ProviderName;
  readonly model: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly retryable: boolean;

  constructor(message: string, options: LlmErrorOptions) {
    super(message, { cause: options.cause });
    this.kind = options.kind;
    this.provider = options.provider;
    this.model = options.model;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.retryable = RETRYABLE_KINDS.has(options.kind);
  }

  static is(value: unknown): value is LlmError {
    return value instanceof LlmError;
  }
}
