import { LlmError, type LlmErrorKind } from '@rkat/core';
import type { ProviderName } from '@rkat/contracts';

/** What is known about one failed provider call, before it becomes an `LlmError`. */
export interface FailureInfo {
  /** HTTP status, when the failure came with one (absent for in-stream error events). */
  status?: number;
  /** The provider's error type or code (`overloaded_error`, `rate_limit_exceeded`, `RESOURCE_EXHAUSTED`). */
  errorType?: string;
  /** The provider's own message. */
  message?: string;
  retryAfterMs?: number;
  /** Forces a kind instead of classifying by status and type. */
  kind?: LlmErrorKind;
}

/** Thrown by stream decoders for in-stream error events; the stream runner turns it into an `LlmError`. */
export class ProviderFailure extends Error {
  override readonly name = 'ProviderFailure';
  constructor(readonly failure: FailureInfo) {
    super(failure.message ?? failure.errorType ?? 'provider failure');
  }
}

const CONTEXT_OVERFLOW =
  /context[_ ]length|context[_ ]window|maximum context|context_exceeded|prompt is too long|input is too long|too many (input )?tokens|exceeds? the (model'?s? )?(maximum )?(context|input)|input token count/i;

function kindFromType(errorType: string): LlmErrorKind | undefined {
  const type = errorType.toLowerCase();
  if (type.includes('overloaded')) return 'overloaded';
  if (type.includes('rate_limit') || type === 'resource_exhausted' || type === 'too_many_requests') {
    return 'rate_limited';
  }
  if (type.includes('authentication') || type === 'invalid_api_key' || type === 'unauthenticated')
    return 'auth';
  if (type.includes('permission')) return 'permission';
  if (type.includes('not_found')) return 'not_found';
  if (type.includes('invalid_request') || type === 'invalid_argument' || type === 'bad_request') {
    return 'invalid_request';
  }
  if (type.includes('content_filter') || type === 'safety') return 'content_filtered';
  return undefined;
}

/**
 * Classifies a failure (00-decisions.md §15): 429 → `rate_limited`, 529 or `overloaded_error` → `overloaded`,
 * 5xx → `server_error`, 400 → `invalid_request` unless the message reports a context overflow, 401 → `auth`,
 * 403 → `permission`, 404 → `not_found`. In-stream errors without a status are classified by their type.
 */
export function classifyFailure(failure: FailureInfo): LlmErrorKind {
  if (failure.kind) return failure.kind;
  const { status } = failure;
  const typeKind = failure.errorType ? kindFromType(failure.errorType) : undefined;
  const overflow = CONTEXT_OVERFLOW.test(`${failure.errorType ?? ''} ${failure.message ?? ''}`);
  if (status === 429) return 'rate_limited';
  if (status === 529 || typeKind === 'overloaded') return 'overloaded';
  if (status !== undefined && status >= 500) return 'server_error';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408) return 'network';
  if (status !== undefined && status >= 400) return overflow ? 'context_exceeded' : 'invalid_request';
  if (overflow) return 'context_exceeded';
  return typeKind ?? 'server_error';
}

const MAX_MESSAGE_LENGTH = 500;

/** Removes every secret from a text; secrets shorter than 4 characters are ignored. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}

/** Which call failed, and the values its error message must never show. */
export interface FailureContext {
  provider: ProviderName;
  model: string;
  /** Values that must never appear in an error message (API keys, bearer tokens). */
  secrets: readonly string[];
}

/** Builds the `LlmError` for a failure: the message names the provider and status, never a secret. */
export function llmErrorFromFailure(
  failure: FailureInfo,
  context: FailureContext,
  cause?: unknown,
): LlmError {
  const kind = classifyFailure(failure);
  const parts = [`${context.provider} request failed`];
  if (failure.status !== undefined) parts.push(`(HTTP ${failure.status})`);
  if (failure.errorType) parts.push(`[${failure.errorType}]`);
  let detail = failure.message ? redactSecrets(failure.message, context.secrets) : kind;
  if (detail.length > MAX_MESSAGE_LENGTH) detail = `${detail.slice(0, MAX_MESSAGE_LENGTH)}…`;
  return new LlmError(`${parts.join(' ')}: ${detail}`, {
    kind,
    provider: context.provider,
    model: context.model,
    ...(failure.status !== undefined ? { status: failure.status } : {}),
    ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
    cause,
  });
}
