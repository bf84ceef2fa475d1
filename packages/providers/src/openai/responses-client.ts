import type { LlmClient, LlmRequest, LlmStreamEvent } from '@rkat/core';
import type { ProviderName } from '@rkat/contracts';
import { runProviderStream } from '../shared/run-provider-stream.js';
import { lowerResponsesRequest } from './lower-responses-request.js';
import { createOpenAiSdk, readOpenAiError } from './openai-sdk.js';
import { ResponsesStreamDecoder } from './responses-stream-decoder.js';

/** Where and how a Responses client connects; resolved on every call. */
export interface OpenAiConnection {
  /** Base URL including `/v1`; the client posts `{baseUrl}/responses`. */
  baseUrl: string;
  /** Bearer token; none means no `Authorization` header. */
  bearerToken?: string;
  /** Model id sent on the wire, when it differs from `LlmRequest.model` (self-hosted aliases). */
  remoteModel?: string;
}

/** Options of a `ResponsesClient`: `openai` or a self-hosted Responses server. */
export interface ResponsesClientOptions {
  provider: Extract<ProviderName, 'openai' | 'self_hosted'>;
  /** Resolves the connection at call time; may throw `LlmError` (`missing_credentials`). */
  connect(request: LlmRequest): OpenAiConnection;
  callTimeoutMs?: number;
}

/** `LlmClient` for the OpenAI Responses API (`POST {base}/responses`, streaming, `store:false`). */
export class ResponsesClient implements LlmClient {
  readonly provider: Extract<ProviderName, 'openai' | 'self_hosted'>;

  constructor(private readonly options: ResponsesClientOptions) {
    this.provider = options.provider;
  }

  stream(request: LlmRequest): AsyncIterable<LlmStreamEvent> {
    return this.run(request);
  }

  private async *run(request: LlmRequest): AsyncGenerator<LlmStreamEvent> {
    const connection = this.options.connect(request);
    const body = lowerResponsesRequest(request);
    if (connection.remoteModel) body.model = connection.remoteModel;
    const sdk = createOpenAiSdk(connection.baseUrl, connection.bearerToken);
    yield* runProviderStream<unknown>({
      provider: this.provider,
      model: request.model,
      secrets: connection.bearerToken ? [connection.bearerToken] : [],
      signal: request.signal,
      ...(this.options.callTimeoutMs !== undefined ? { callTimeoutMs: this.options.callTimeoutMs } : {}),
      decoder: new ResponsesStreamDecoder(),
      readSdkError: readOpenAiError,
      open: (signal) => sdk.responses.create(body, { signal }),
    });
  }
}
