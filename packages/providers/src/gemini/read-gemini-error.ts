import { ApiError } from '@google/genai';
import { parseJson } from '@rkat/contracts';
import type { ThrownKind } from '../shared/classify-thrown.js';
import { asObject, objectList, stringField } from '../shared/loose.js';
import { parseDurationSeconds, parseRetryAfter, type HeaderSource } from '../shared/retry-after.js';

/** The `{"error":{code,message,status,details}}` body the SDK puts into `ApiError.message`. */
function errorBody(message: string): Record<string, unknown> | undefined {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  const parsed = parseJson(message.slice(start));
  return parsed.ok ? asObject(asObject(parsed.value)?.error) : undefined;
}

/**
 * Reads `@google/genai` errors. The SDK keeps neither headers nor a parsed body, so the status comes from
 * `ApiError.status`, the body from its message, and `retry-after` from the headers of the failed response
 * (passed in by the client) or from a `google.rpc.RetryInfo` detail.
 */
export function readGeminiError(error: unknown, headers: HeaderSource): ThrownKind {
  if (!(error instanceof ApiError)) return undefined;
  const body = errorBody(error.message);
  const retryInfo = objectList(body, 'details').find((detail) =>
    stringField(detail, '@type')?.endsWith('RetryInfo'),
  );
  const retryAfterMs = parseRetryAfter(headers) ?? parseDurationSeconds(retryInfo?.retryDelay);
  const status = stringField(body, 'status');
  return {
    failure: {
      status: error.status,
      ...(status ? { errorType: status } : {}),
      message: stringField(body, 'message') ?? error.message,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    },
  };
}
