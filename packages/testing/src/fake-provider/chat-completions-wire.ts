import { chunkText, zipChunks, type PlannedAnswer } from './answer.js';
import {
  isRecord,
  partsText,
  stringField,
  type NeutralMessage,
  type NeutralRequest,
} from './conversation.js';
import { openAiErrorBody, OVERLOADED_MESSAGE } from './openai-errors.js';
import { sseData } from './sse.js';
import { StreamBuilder } from './stream-builder.js';
import type { StreamPlan, WireFormat } from './wire-format.js';

function toMessage(value: unknown): NeutralMessage | undefined {
  if (!isRecord(value)) return undefined;
  const role = value['role'];
  const text = partsText(value['content'], ['text']);
  if (role === 'user') return { role: 'user', text };
  if (role === 'assistant') return { role: 'assistant', text };
  if (role === 'tool' || role === 'function') return { role: 'tool', text };
  return undefined;
}

function parseRequest(body: unknown): NeutralRequest | string {
  if (!isRecord(body)) return 'the request body must be a JSON object';
  const messages = body['messages'];
  if (!Array.isArray(messages)) return "Missing required parameter: 'messages'.";
  return {
    model: stringField(body, 'model') ?? 'fake-model',
    stream: body['stream'] === true,
    conversation: messages.map(toMessage).filter((message) => message !== undefined),
    body,
  };
}

const FINISH_REASONS: Record<PlannedAnswer['stop'], string> = {
  end_turn: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  stop_sequence: 'stop',
  content_filter: 'content_filter',
};

function includeUsage(body: Record<string, unknown>): boolean {
  const options = body['stream_options'];
  return isRecord(options) && options['include_usage'] === true;
}

function planStream(answer: PlannedAnswer, request: NeutralRequest, requestNumber: number): StreamPlan {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
    sseData({
      id: `chatcmpl-fake-${requestNumber}`,
      object: 'chat.completion.chunk',
      created,
      model: request.model,
      system_fingerprint: 'fp_fake',
      choices,
      ...extra,
    });
  const choice = (delta: Record<string, unknown>, finishReason: string | null = null): string =>
    chunk([{ index: 0, delta, logprobs: null, finish_reason: finishReason }]);

  const builder = new StreamBuilder();
  builder.head.push(choice({ role: 'assistant', content: '' }));
  const size = answer.chunkSize;
  if (answer.reasoningWithText) {
    for (const [reasoning, text] of zipChunks(answer.reasoning, answer.text, size)) {
      builder.chunk(
        choice({
          ...(reasoning ? { reasoning_content: reasoning } : {}),
          ...(text ? { content: text } : {}),
        }),
      );
    }
  } else {
    for (const piece of chunkText(answer.reasoning, size))
      builder.chunk(choice({ reasoning_content: piece }));
    for (const piece of chunkText(answer.text, size)) builder.chunk(choice({ content: piece }));
  }
  answer.tools.forEach((tool, index) => {
    chunkText(tool.argumentsJson, size).forEach((piece, position) => {
      const call =
        position === 0
          ? { index, id: tool.id, type: 'function', function: { name: tool.name, arguments: piece } }
          : { index, function: { arguments: piece } };
      builder.chunk(choice({ tool_calls: [call] }));
    });
  });

  const tail = [choice({}, FINISH_REASONS[answer.stop])];
  if (includeUsage(request.body)) {
    const { usage } = answer;
    const prompt = usage.input + usage.cacheRead;
    tail.push(
      chunk([], {
        usage: {
          prompt_tokens: prompt,
          completion_tokens: usage.output,
          total_tokens: prompt + usage.output,
          prompt_tokens_details: { cached_tokens: usage.cacheRead },
        },
      }),
    );
  }
  tail.push(sseData('[DONE]'));
  const failure = (): string[] => [
    sseData({ error: { message: OVERLOADED_MESSAGE, type: 'server_error', param: null, code: null } }),
  ];
  return builder.build(tail, failure, { end: [sseData('[DONE]')] });
}

/**
 * OpenAI-compatible Chat Completions (Ollama, vLLM, llama.cpp): `POST /v1/chat/completions`, data-only
 * chunks ending with `[DONE]`. Accepts requests without auth, as self-hosted servers do.
 */
export const chatCompletionsWire: WireFormat = {
  format: 'chat-completions',
  matches: (pathname) => pathname === '/v1/chat/completions',
  authorized: () => true,
  parseRequest,
  errorBody: openAiErrorBody,
  responseHeaders: (requestNumber) => ({ 'x-request-id': `req_fake_${requestNumber}` }),
  planStream,
};
