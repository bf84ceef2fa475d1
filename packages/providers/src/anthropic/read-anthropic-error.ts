import { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { ThrownKind } from '../shared/classify-thrown.js';
import { parseRetryAfter } from '../shared/retry-after.js';

/** Strips the SDK's leading status from a message (`"429 {...}"` → `"{...}"`). */
function withoutStatus(message: string): string {
  return message.replace(/^\d{3}\s+/, '');
}

/** Reads the Anthropic SDK's errors: HTTP failures, in-stream `error` events, aborts and connection failures. */
export function readAnthropicError(error: unknown): ThrownKind {
  if (error instanceof APIUserAbortError) return 'cancelled';
  if (error instanceof APIConnectionError) return 'network';
  if (!(error instanceof APIError)) return undefined;
  const retryAfterMs = parseRetryAfter(error.headers);
  return {
    failure: {
      ...(typeof error.status === 'number' ? { status: error.status } : {}),
      ...(error.type ? { errorType: error.type } : {}),
      message: error.apiMessage ?? withoutStatus(error.message),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    },
  };
}
