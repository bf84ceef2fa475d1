import type { IncomingHttpHeaders } from 'node:http';
import { chunkText, type PlannedAnswer } from './answer.js';
import {
  isRecord,
  partsText,
  stringField,
  type NeutralMessage,
  type NeutralRequest,
} from './conversation.js';
import { openAiErrorBody, OVERLOADED_MESSAGE } from './openai-errors.js';
import { sseEvent } from './sse.js';
import { StreamBuilder } from './stream-builder.js';
import type { StreamPlan, WireFormat } from './wire-format.js';

const ASSISTANT_ITEMS = new Set(['function_call', 'reasoning', 'custom_tool_call']);
const TOOL_ITEMS = new Set(['function_call_output', 'custom_tool_call_output']);

function toMessage(item: unknown): NeutralMessage | undefined {
  if (!isRecord(item)) return undefined;
  const type = stringField(item, 'type');
  if (type !== undefined && ASSISTANT_ITEMS.has(type)) return { role: 'assistant', text: '' };
  if (type !== undefined && TOOL_ITEMS.has(type)) return { role: 'tool', text: '' };
  const role = item['role'];
  if (role === 'user') return { role: 'user', text: partsText(item['content'], ['input_text']) };
  if (role === 'assistant') return { role: 'assistant', text: partsText(item['content'], ['output_text']) };
  return undefined;
}

export function parseResponsesRequest(body: unknown): NeutralRequest | string {
  if (!isRecord(body)) return 'the request body must be a JSON object';
  const input = body['input'];
  let conversation: NeutralMessage[];
  if (typeof input === 'string') conversation = [{ role: 'user', text: input }];
  else if (Array.isArray(input))
    conversation = input.map(toMessage).filter((message) => message !== undefined);
  else return "Missing required parameter: 'input'.";
  return {
    model: stringField(body, 'model') ?? 'fake-model',
    stream: body['stream'] === true,
    conversation,
    body,
  };
}

function usageOf(answer: PlannedAnswer): Record<string, unknown> {
  const { usage } = answer;
  const input = usage.input + usage.cacheRead;
  const reasoningTokens =
    answer.reasoning === '' ? 0 : Math.min(usage.output, Math.ceil(answer.reasoning.length / 4));
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage.cacheRead, cache_write_tokens: usage.cacheCreation },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: input + usage.output,
  };
}

function planStream(answer: PlannedAnswer, request: NeutralRequest, requestNumber: number): StreamPlan {
  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>): string =>
    sseEvent(type, { type, ...fields, sequence_number: sequence++ });
  const response = (status: string, output: unknown[], extra: Record<string, unknown> = {}) => ({
    id: `resp_fake_${requestNumber}`,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: request.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: null,
    user: null,
    metadata: {},
    ...extra,
  });

  const builder = new StreamBuilder();
  builder.head.push(
    event('response.created', { response: response('in_progress', []) }),
    event('response.in_progress', { response: response('in_progress', []) }),
  );
  const size = answer.chunkSize;
  const output: Record<string, unknown>[] = [];
  const itemDone = (item: Record<string, unknown>): string => {
    output.push(item);
    return event('response.output_item.done', { output_index: output.length - 1, item });
  };

  if (answer.reasoning !== '') {
    const id = `rs_fake_${requestNumber}`;
    const ids = { item_id: id, output_index: output.length };
    const part = { ...ids, summary_index: 0 };
    chunkText(answer.reasoning, size).forEach((delta, position) => {
      const deltaFrame = () => event('response.reasoning_summary_text.delta', { ...part, delta });
      if (position > 0) return builder.chunk(deltaFrame());
      const added = event('response.output_item.added', {
        output_index: ids.output_index,
        item: { id, type: 'reasoning', summary: [] },
      });
      const partAdded = event('response.reasoning_summary_part.added', {
        ...part,
        part: { type: 'summary_text', text: '' },
      });
      builder.chunk(added, partAdded, deltaFrame());
    });
    const summary = { type: 'summary_text', text: answer.reasoning };
    const item: Record<string, unknown> = { id, type: 'reasoning', summary: [summary] };
    const include = request.body['include'];
    if (Array.isArray(include) && include.includes('reasoning.encrypted_content')) {
      item['encrypted_content'] = Buffer.from(`fake-reasoning:${answer.step}`).toString('base64');
    }
    builder.hold(
      event('response.reasoning_summary_text.done', { ...part, text: answer.reasoning }),
      event('response.reasoning_summary_part.done', { ...part, part: summary }),
      itemDone(item),
    );
  }

  if (answer.text !== '') {
    const id = `msg_fake_${requestNumber}`;
    const ids = { item_id: id, output_index: output.length, content_index: 0 };
    chunkText(answer.text, size).forEach((delta, position) => {
      const deltaFrame = () => event('response.output_text.delta', { ...ids, delta, logprobs: [] });
      if (position > 0) return builder.chunk(deltaFrame());
      const added = event('response.output_item.added', {
        output_index: ids.output_index,
        item: { id, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
      });
      const partAdded = event('response.content_part.added', {
        ...ids,
        part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
      });
      builder.chunk(added, partAdded, deltaFrame());
    });
    const part = { type: 'output_text', text: answer.text, annotations: [], logprobs: [] };
    builder.hold(
      event('response.output_text.done', { ...ids, text: answer.text, logprobs: [] }),
      event('response.content_part.done', { ...ids, part }),
      itemDone({ id, type: 'message', status: 'completed', role: 'assistant', content: [part] }),
    );
  }

  answer.tools.forEach((tool, index) => {
    const id = `fc_fake_${requestNumber}_${index}`;
    const ids = { item_id: id, output_index: output.length };
    const item = { id, type: 'function_call', call_id: tool.id, name: tool.name };
    chunkText(tool.argumentsJson, size).forEach((delta, position) => {
      const deltaFrame = () => event('response.function_call_arguments.delta', { ...ids, delta });
      if (position > 0) return builder.chunk(deltaFrame());
      const added = event('response.output_item.added', {
        output_index: ids.output_index,
        item: { ...item, status: 'in_progress', arguments: '' },
      });
      builder.chunk(added, deltaFrame());
    });
    builder.hold(
      event('response.function_call_arguments.done', {
        ...ids,
        name: tool.name,
        arguments: tool.argumentsJson,
      }),
      itemDone({ ...item, status: 'completed', arguments: tool.argumentsJson }),
    );
  });

  const incompleteReason =
    answer.stop === 'max_tokens'
      ? 'max_output_tokens'
      : answer.stop === 'content_filter'
        ? 'content_filter'
        : null;
  const tail =
    incompleteReason === null
      ? [event('response.completed', { response: response('completed', output, { usage: usageOf(answer) }) })]
      : [
          event('response.incomplete', {
            response: response('incomplete', output, {
              usage: usageOf(answer),
              incomplete_details: { reason: incompleteReason },
            }),
          }),
        ];

  const failure = (chunksSent: number): string[] => {
    sequence =
      builder.head.length + builder.chunks.slice(0, chunksSent).reduce((sum, chunk) => sum + chunk.length, 0);
    const error = { code: 'server_error', message: OVERLOADED_MESSAGE };
    return [
      event('error', { ...error, param: null }),
      event('response.failed', { response: response('failed', [], { error }) }),
    ];
  };
  return builder.build(tail, failure);
}

/** OpenAI Responses: `POST /v1/responses`, bearer auth, named SSE events with sequence numbers. */
export const openAiResponsesWire: WireFormat = {
  format: 'openai-responses',
  matches: (pathname) => pathname === '/v1/responses',
  authorized: (headers: IncomingHttpHeaders) => /^Bearer \S+/.test(headers.authorization ?? ''),
  parseRequest: parseResponsesRequest,
  errorBody: openAiErrorBody,
  responseHeaders: (requestNumber) => ({ 'x-request-id': `req_fake_${requestNumber}` }),
  planStream,
};
