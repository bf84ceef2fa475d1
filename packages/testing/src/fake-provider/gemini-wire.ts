import type { IncomingHttpHeaders } from 'node:http';
import { chunkText, zipChunks, type PlannedAnswer } from './answer.js';
import { isRecord, type NeutralMessage, type NeutralRequest } from './conversation.js';
import { sseData } from './sse.js';
import { StreamBuilder } from './stream-builder.js';
import type { StreamPlan, WireError, WireFormat } from './wire-format.js';

const ROUTE = /^\/v1(?:beta|alpha)?\/models\/([^/:]+):(streamGenerateContent|generateContent)$/;

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const DEFAULT_MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: 'Request is missing required authentication credential. Expected an API key.',
  RESOURCE_EXHAUSTED: 'Resource has been exhausted (e.g. check quota).',
  INTERNAL:
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  UNAVAILABLE: 'The model is overloaded. Please try again later.',
};

function toMessage(value: unknown): NeutralMessage | undefined {
  if (!isRecord(value)) return undefined;
  const parts = Array.isArray(value['parts']) ? value['parts'].filter(isRecord) : [];
  const texts = parts.filter((part) => part['thought'] !== true && typeof part['text'] === 'string');
  const text = texts.map((part) => part['text']).join('\n');
  const role = value['role'];
  if (role === 'model') return { role: 'assistant', text };
  if (role === 'function') return { role: 'tool', text };
  const onlyResponses = parts.length > 0 && parts.every((part) => 'functionResponse' in part);
  return { role: onlyResponses ? 'tool' : 'user', text };
}

function parseRequest(body: unknown, url: URL): NeutralRequest | string {
  if (!isRecord(body)) return 'Invalid JSON payload received. The request body must be a JSON object.';
  const contents = body['contents'];
  if (!Array.isArray(contents)) return 'contents is not specified';
  const route = ROUTE.exec(url.pathname);
  return {
    model: decodeURIComponent(route?.[1] ?? 'fake-model'),
    stream: route?.[2] === 'streamGenerateContent' && url.searchParams.get('alt') === 'sse',
    conversation: contents.map(toMessage).filter((message) => message !== undefined),
    body,
  };
}

function errorBody(error: WireError): unknown {
  const status = STATUS_NAMES[error.status] ?? (error.status >= 500 ? 'UNAVAILABLE' : 'FAILED_PRECONDITION');
  let message = error.message;
  if (message === undefined && error.kind === 'context_exceeded') {
    message = 'The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).';
  }
  const body: Record<string, unknown> = {
    code: error.status,
    message: message ?? DEFAULT_MESSAGES[status] ?? `fake provider error ${error.status}`,
    status,
  };
  if (error.retryAfter !== undefined) {
    body['details'] = [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${error.retryAfter}s` },
    ];
  }
  return { error: body };
}

const FINISH_REASONS: Record<PlannedAnswer['stop'], string> = {
  end_turn: 'STOP',
  tool_use: 'STOP',
  max_tokens: 'MAX_TOKENS',
  stop_sequence: 'STOP',
  content_filter: 'SAFETY',
};

function planStream(answer: PlannedAnswer, request: NeutralRequest, requestNumber: number): StreamPlan {
  const frame = (parts: unknown[], extra: Record<string, unknown> = {}, candidateExtra = {}): string =>
    sseData(
      {
        candidates: [{ content: { parts, role: 'model' }, ...candidateExtra, index: 0 }],
        ...extra,
        modelVersion: request.model,
        responseId: `fake-response-${requestNumber}`,
      },
      '\r\n',
    );
  const builder = new StreamBuilder();
  const size = answer.chunkSize;
  // Gemini returns the thought signature on the first function call, or else on the closing part.
  let signature =
    answer.reasoning === ''
      ? undefined
      : Buffer.from(`fake-thought-signature:${answer.step}`).toString('base64');
  if (answer.reasoningWithText) {
    for (const [reasoning, text] of zipChunks(answer.reasoning, answer.text, size)) {
      const parts = [...(reasoning ? [{ text: reasoning, thought: true }] : []), ...(text ? [{ text }] : [])];
      builder.chunk(frame(parts));
    }
  } else {
    for (const piece of chunkText(answer.reasoning, size))
      builder.chunk(frame([{ text: piece, thought: true }]));
    for (const piece of chunkText(answer.text, size)) builder.chunk(frame([{ text: piece }]));
  }
  for (const tool of answer.tools) {
    const functionCall: Record<string, unknown> = { name: tool.name, args: tool.args };
    if (tool.scriptedId) functionCall['id'] = tool.id;
    const part: Record<string, unknown> = { functionCall };
    if (signature !== undefined) part['thoughtSignature'] = signature;
    signature = undefined;
    builder.chunk(frame([part]));
  }
  const { usage } = answer;
  const prompt = usage.input + usage.cacheRead;
  const usageMetadata: Record<string, unknown> = {
    promptTokenCount: prompt,
    candidatesTokenCount: usage.output,
    totalTokenCount: prompt + usage.output,
  };
  if (usage.cacheRead > 0) usageMetadata['cachedContentTokenCount'] = usage.cacheRead;
  const closing: Record<string, unknown> = { text: '' };
  if (signature !== undefined) closing['thoughtSignature'] = signature;
  const tail = [frame([closing], { usageMetadata }, { finishReason: FINISH_REASONS[answer.stop] })];
  const failure = (): string[] => [sseData(errorBody({ status: 503, kind: 'scripted' }), '\r\n')];
  return builder.build(tail, failure);
}

/** Gemini: `POST /v1beta/models/{model}:streamGenerateContent?alt=sse`, `x-goog-api-key` or `?key=`. */
export const geminiWire: WireFormat = {
  format: 'gemini',
  matches: (pathname) => ROUTE.test(pathname),
  authorized: (headers: IncomingHttpHeaders, url: URL) => {
    const header = headers['x-goog-api-key'];
    return (typeof header === 'string' && header !== '') || (url.searchParams.get('key') ?? '') !== '';
  },
  parseRequest,
  errorBody,
  responseHeaders: () => ({}),
  planStream,
};
