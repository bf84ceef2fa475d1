import type { LlmClient, LlmRequest, LlmStreamEvent } from '@rkat/core';
import { createOpenAiSdk, readOpenAiError } from '../openai/openai-sdk.js';
import type { OpenAiConnection } from '../openai/responses-client.js';
import { runProviderStream } from '../shared/run-provider-stream.js';
import { ChatStreamDecoder } from './chat-stream-decoder.js';
import { lowerChatRequest } from './lower-chat-request.js';

/** Options of a `ChatCompletionsClient`. */
export interface ChatCompletionsClientOptions {
  /** Resolves the connection at call time; `baseUrl` includes `/v1`, the client posts `{baseUrl}/chat/completions`. */
  connect(request: LlmRequest): OpenAiConnection;
  callTimeoutMs?: number;
}

/** `LlmClient` for OpenAI-compatible Chat Completions servers (self-hosted), streaming with usage. */
export class ChatCompletionsClient implements LlmClient {
  readonly provider = 'self_hosted' as const;

  constructor(private readonly options: ChatCompletionsClientOptions) {}

  stream(request: LlmRequest): AsyncIterable<LlmStreamEvent> {
    return this.run(request);
  }

  private async *run(request: LlmRequest): AsyncGenerator<LlmStreamEvent> {
    const connection = this.options.connect(request);
    const body = lowerChatRequest(request);
    if (connection.remoteModel) body.model = connection.remoteModel;
    const sdk = createOpenAiSdk(connection.baseUrl, connection.bearerToken);
    yield* runProviderStream<unknown>({
      provider: 'self_hosted',
      model: request.model,
      secrets: connection.bearerToken ? [connection.bearerToken] : [],
      signal: request.signal,
      ...(this.options.callTimeoutMs !== undefined ? { callTimeoutMs: this.options.callTimeoutMs } : {}),
      decoder: new ChatStreamDecoder(),
      readSdkError: readOpenAiError,
      open: (signal) => sdk.chat.completions.create(body, { signal }),
    });
  }
}
