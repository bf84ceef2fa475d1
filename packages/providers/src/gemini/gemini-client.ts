import { GoogleGenAI } from '@google/genai';
import type { LlmClient, LlmRequest, LlmStreamEvent } from '@rkat/core';
import { requireApiKey, resolveBaseUrl, type EnvRecord } from '../credentials.js';
import { runProviderStream } from '../shared/run-provider-stream.js';
import { GeminiStreamDecoder } from './gemini-stream-decoder.js';
import { lowerGeminiRequest } from './lower-gemini-request.js';
import { readGeminiError } from './read-gemini-error.js';

/** Options of a `GeminiClient`. */
export interface GeminiClientOptions {
  /** Environment for the API key and base URL (00-decisions.md §13–14); `process.env` by default. */
  env?: EnvRecord;
  /** Whole-call timeout; a call running longer fails with `call_timeout`. */
  callTimeoutMs?: number;
}

/**
 * `LlmClient` for Gemini `streamGenerateContent` (`POST {base}/v1beta/models/{model}:streamGenerateContent
 * ?alt=sse`, `x-goog-api-key`). The key and base URL are read on every call.
 */
export class GeminiClient implements LlmClient {
  readonly provider = 'gemini' as const;

  constructor(private readonly options: GeminiClientOptions = {}) {}

  stream(request: LlmRequest): AsyncIterable<LlmStreamEvent> {
    return this.run(request);
  }

  private async *run(request: LlmRequest): AsyncGenerator<LlmStreamEvent> {
    const env = this.options.env ?? process.env;
    const apiKey = requireApiKey('gemini', env, request.model);
    const { contents, config, schemaWarnings } = lowerGeminiRequest(request);
    let failedHeaders: Headers | undefined;
    const capturingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!response.ok) failedHeaders = response.headers;
      return response;
    };
    const sdk = new GoogleGenAI({
      apiKey,
      vertexai: false,
      httpOptions: { baseUrl: resolveBaseUrl('gemini', env), fetch: capturingFetch },
    });
    yield* runProviderStream<unknown>({
      provider: 'gemini',
      model: request.model,
      secrets: [apiKey],
      signal: request.signal,
      ...(this.options.callTimeoutMs !== undefined ? { callTimeoutMs: this.options.callTimeoutMs } : {}),
      decoder: new GeminiStreamDecoder(schemaWarnings),
      readSdkError: (error) => readGeminiError(error, failedHeaders),
      open: (signal) =>
        sdk.models.generateContentStream({
          model: request.model,
          contents,
          config: { ...config, abortSignal: signal },
        }),
    });
  }
}
