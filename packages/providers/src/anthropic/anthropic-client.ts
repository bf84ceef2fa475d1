import Anthropic from '@anthropic-ai/sdk';
import type { Stream } from '@anthropic-ai/sdk/core/streaming.js';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages.js';
import type { LlmClient, LlmRequest, LlmStreamEvent } from '@rkat/core';
import { requireApiKey, resolveBaseUrl, type EnvRecord } from '../credentials.js';
import { runProviderStream } from '../shared/run-provider-stream.js';
import { AnthropicStreamDecoder } from './anthropic-stream-decoder.js';
import { lowerAnthropicRequest } from './lower-anthropic-request.js';
import { readAnthropicError } from './read-anthropic-error.js';

/** Options of an `AnthropicClient`. */
export interface AnthropicClientOptions {
  /** Environment for the API key and base URL (00-decisions.md §13–14); `process.env` by default. */
  env?: EnvRecord;
  /** Whole-call timeout; a call running longer fails with `call_timeout`. */
  callTimeoutMs?: number;
}

/**
 * `LlmClient` for the Anthropic Messages API (`POST {base}/v1/messages`, streaming). The key and base URL
 * are read on every call, so a missing key fails the call with `missing_credentials`, not construction.
 */
export class AnthropicClient implements LlmClient {
  readonly provider = 'anthropic' as const;

  constructor(private readonly options: AnthropicClientOptions = {}) {}

  stream(request: LlmRequest): AsyncIterable<LlmStreamEvent> {
    return this.run(request);
  }

  private async *run(request: LlmRequest): AsyncGenerator<LlmStreamEvent> {
    const env = this.options.env ?? process.env;
    const apiKey = requireApiKey('anthropic', env, request.model);
    const { body, betas } = lowerAnthropicRequest(request);
    // The key goes in `x-api-key` (01 §19); the SDK alone would send it as a bearer token.
    const sdk = new Anthropic({
      apiKey,
      baseURL: resolveBaseUrl('anthropic', env),
      maxRetries: 0,
      logLevel: 'off',
      defaultHeaders: { Authorization: null, 'x-api-key': apiKey },
    });
    yield* runProviderStream<RawMessageStreamEvent>({
      provider: 'anthropic',
      model: request.model,
      secrets: [apiKey],
      signal: request.signal,
      ...(this.options.callTimeoutMs !== undefined ? { callTimeoutMs: this.options.callTimeoutMs } : {}),
      decoder: new AnthropicStreamDecoder(),
      readSdkError: readAnthropicError,
      // `post` rather than `messages.create`, which writes deprecation notices to the console.
      open: (signal) =>
        sdk.post<Stream<RawMessageStreamEvent>>('/v1/messages', {
          body,
          stream: true,
          signal,
          timeout: 600_000,
          ...(betas.length > 0 ? { headers: { 'anthropic-beta': betas.join(',') } } : {}),
        }),
    });
  }
}
