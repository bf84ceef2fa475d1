import type { FailureInfo } from './provider-failure.js';

/** How a thrown value from an SDK is understood: a provider failure, a transport failure, or an abort. */
export type ThrownKind = { failure: FailureInfo } | 'network' | 'cancelled' | undefined;

/** Reads an SDK-specific error; returns undefined when the value is not that SDK's error. */
export type SdkErrorReader = (error: unknown) => ThrownKind;

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const NETWORK_MESSAGE =
  /terminated|fetch failed|other side closed|socket hang up|network|premature close|ECONNRESET/i;

function errorCode(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** True for errors raised by `AbortSignal` (DOMException `AbortError`, undici aborts). */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { name?: unknown }).name === 'AbortError' || errorCode(error) === 'ABORT_ERR')
  );
}

/** True for transport failures: refused or reset connections, sockets closed mid-body, DNS failures. */
export function isNetworkError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = errorCode(current);
    if (code && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR'))) return true;
    if (current instanceof TypeError && NETWORK_MESSAGE.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}
