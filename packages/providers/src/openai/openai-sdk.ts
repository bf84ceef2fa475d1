import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { ThrownKind } from '../shared/classify-thrown.js';
import { asObject, stringField } from '../shared/loose.js';
import { parseRetryAfter } from '../shared/retry-after.js';

/**
 * An OpenAI SDK client for one call: no SDK retries, no organization or project read from the environment.
 * Without a bearer token no `Authorization` header is sent at all (self-hosted servers without auth).
 */
export function createOpenAiSdk(baseUrl: string, bearerToken: string | undefined): OpenAI {
  return new OpenAI({
    baseURL: baseUrl,
    apiKey: bearerToken ?? 'unused',
    organization: null,
    project: null,
    maxRetries: 0,
    logLevel: 'off',
    ...(bearerToken ? {} : { defaultHeaders: { Authorization: null } }),
  });
}

/** Reads the OpenAI SDK's errors: HTTP failures, in-stream `{"error":…}` chunks, aborts, connection failures. */
export function readOpenAiError(error: unknown): ThrownKind {
  if (error instanceof APIUserAbortError) return 'cancelled';
  if (error instanceof APIConnectionError) return 'network';
  if (!(error instanceof APIError)) return undefined;
  const body = asObject(error.error);
  const errorType = stringField(body, 'code') ?? stringField(body, 'type');
  const retryAfterMs = parseRetryAfter(error.headers);
  return {
    failure: {
      ...(typeof error.status === 'number' ? { status: error.status } : {}),
      ...(errorType ? { errorType } : {}),
      message: stringField(body, 'message') ?? error.message.replace(/^\d{3}\s+/, ''),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    },
  };
}
