import type { IncomingHttpHeaders } from 'node:http';
import { chunkText, type PlannedAnswer } from './answer.js';
import {
  isRecord,
  partsText,
  stringField,
  type NeutralMessage,
  type NeutralRequest,
} from './conversation.js';
import { sseEvent } from './sse.js';
import { StreamBuilder } from './stream-builder.js';
import type { StreamPlan, WireError, WireFormat } from './wire-format.js';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'api_error',
  529: 'overloaded_error',
};

const DEFAULT_MESSAGES: Record<string, string> = {
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit',
  api_error: 'Internal server error',
  overloaded_error: 'Overloaded',
};

function toMessage(value: unknown): NeutralMessage | undefined {
  if (!isRecord(value)) return undefined;
  const role = value['role'];
  const content = value['content'];
  if (role === 'assistant') return { role: 'assistant', text: partsText(content, ['text']) };
  if (role !== 'user') return undefined;
  if (typeof content === 'string') return { role: 'user', text: content };
  const text = partsText(content, ['text']);
  const onlyToolResults =
    Array.isArray(content) &&
    content.length > 0 &&
    content.every((block) => isRecord(block) && block['type'] === 'tool_result');
  return { role: onlyToolResults ? 'tool' : 'user', text };
}

function parseRequest(body: unknown): NeutralRequest | string {
  if (!isRecord(body)) return 'the request body must be a JSON object';
  const messages = body['messages'];
  if (!Array.isArray(messages)) return 'messages: Field required';
  return {
    model: stringField(body, 'model') ?? 'fake-model',
    stream: body['stream'] === true,
    conversation: messages.map(toMessage).filter((message) => message !== undefined),
    body,
  };
}

function errorBody(error: WireError): unknown {
  const type = ERROR_TYPES[error.status] ?? (error.status >= 500 ? 'api_error' : 'invalid_request_error');
  let message = error.message;
  if (message === undefined) {
    if (error.kind === 'authentication') message = 'x-api-key header is required';
    else if (error.kind === 'context_exceeded')
      message = 'prompt is too long: 200001 tokens > 200000 maximum';
    else message = DEFAULT_MESSAGES[type] ?? `fake provider error ${error.status}`;
  }
  return { type: 'error', error: { type, message } };
}

const STOP_REASONS: Record<PlannedAnswer['stop'], string> = {
  end_turn: 'end_turn',
  tool_use: 'tool_use',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  content_filter: 'refusal',
};

function planStream(answer: PlannedAnswer, request: NeutralRequest, requestNumber: number): StreamPlan {
  const { usage } = answer;
  const builder = new StreamBuilder();
  builder.head.push(
    sseEvent('message_start', {
      type: 'message_start',
      message: {
        id: `msg_fake_${requestNumber}`,
        type: 'message',
        role: 'assistant',
        model: request.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: usage.input,
          cache_creation_input_tokens: usage.cacheCreation,
          cache_read_input_tokens: usage.cacheRead,
          output_tokens: 1,
        },
      },
    }),
    sseEvent('ping', { type: 'ping' }),
  );
  let index = 0;
  const size = answer.chunkSize;
  const delta = (payload: Record<string, unknown>): string =>
    sseEvent('content_block_delta', { type: 'content_block_delta', index, delta: payload });
  const start = (block: Record<string, unknown>): string =>
    sseEvent('content_block_start', { type: 'content_block_start', index, content_block: block });
  const stop = (): string => sseEvent('content_block_stop', { type: 'content_block_stop', index });

  const block = (opening: Record<string, unknown>, pieces: string[], toDelta: (piece: string) => string) => {
    pieces.forEach((piece, position) => {
      if (position === 0) builder.chunk(start(opening), toDelta(piece));
      else builder.chunk(toDelta(piece));
    });
  };

  if (answer.reasoning !== '') {
    block({ type: 'thinking', thinking: '', signature: '' }, chunkText(answer.reasoning, size), (thinking) =>
      delta({ type: 'thinking_delta', thinking }),
    );
    const signature = Buffer.from(`fake-signature:${answer.step}`).toString('base64');
    builder.hold(delta({ type: 'signature_delta', signature }), stop());
    index += 1;
  }
  if (answer.text !== '') {
    block({ type: 'text', text: '' }, chunkText(answer.text, size), (text) =>
      delta({ type: 'text_delta', text }),
    );
    builder.hold(stop());
    index += 1;
  }
  for (const tool of answer.tools) {
    block(
      { type: 'tool_use', id: tool.id, name: tool.name, input: {} },
      chunkText(tool.argumentsJson, size),
      (json) => delta({ type: 'input_json_delta', partial_json: json }),
    );
    builder.hold(stop());
    index += 1;
  }

  const tail = [
    sseEvent('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: STOP_REASONS[answer.stop], stop_sequence: null },
      usage: {
        input_tokens: usage.input,
        cache_creation_input_tokens: usage.cacheCreation,
        cache_read_input_tokens: usage.cacheRead,
        output_tokens: usage.output,
      },
    }),
    sseEvent('message_stop', { type: 'message_stop' }),
  ];
  const failure = (): string[] => [
    sseEvent('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
  ];
  return builder.build(tail, failure, {
    end: [sseEvent('message_stop', { type: 'message_stop' })],
    keepalive: sseEvent('ping', { type: 'ping' }),
  });
}

/** Anthropic Messages: `POST /v1/messages`, `x-api-key` or bearer auth, named SSE events. */
export const anthropicWire: WireFormat = {
  format: 'anthropic',
  matches: (pathname) => pathname === '/v1/messages',
  // The 1.x SDK sends the API key as `Authorization: Bearer`; older clients send `x-api-key`.
  authorized: (headers: IncomingHttpHeaders) => {
    const key = headers['x-api-key'];
    return (typeof key === 'string' && key !== '') || /^Bearer \S+/.test(headers.authorization ?? '');
  },
  parseRequest,
  errorBody,
  responseHeaders: (requestNumber) => ({ 'request-id': `req_fake_${requestNumber}` }),
  planStream,
};
