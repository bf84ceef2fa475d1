import type {
  ChatCompletionContentPart,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
} from 'openai/resources/chat/completions/completions.js';
import type { LlmRequest } from '@rkat/core';
import type { AssistantBlock, ContentBlock } from '@rkat/contracts';
import { dataUrl, normalizeTranscript, placeholderText, toolResultText } from '../shared/transcript.js';

function userContent(blocks: readonly ContentBlock[]): string | ChatCompletionContentPart[] {
  if (blocks.every((block) => block.type === 'text')) return blocks.map(placeholderText).join('\n');
  return blocks.map((block) =>
    block.type === 'image' && block.source === 'inline'
      ? { type: 'image_url', image_url: { url: dataUrl(block.media_type, block.data) } }
      : { type: 'text', text: placeholderText(block) },
  );
}

/** Assistant blocks as one assistant message; reasoning is not replayed (compatible servers reject it). */
function assistantMessage(blocks: readonly AssistantBlock[]): ChatCompletionMessageParam | undefined {
  const text = blocks
    .filter((block) => block.block_type === 'text')
    .map((block) => block.data.text)
    .join('');
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  for (const block of blocks) {
    if (block.block_type !== 'tool_use') continue;
    toolCalls.push({
      id: block.data.id,
      type: 'function',
      function: { name: block.data.name, arguments: JSON.stringify(block.data.args) },
    });
  }
  if (text === '' && toolCalls.length === 0) return undefined;
  return {
    role: 'assistant',
    content: text === '' ? null : text,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}

const PASSTHROUGH = [
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'top_p',
  'top_k',
  'reasoning_effort',
] as const;

/**
 * Lowers a request to OpenAI-compatible Chat Completions (Ollama, vLLM, llama.cpp): system message,
 * transcript, tools as `function`, `max_tokens`, usage in the stream, `response_format` json_schema for an
 * output format, and the provider params `seed`, `frequency_penalty`, `presence_penalty`, `top_p`, `top_k`,
 * `reasoning_effort` passed through.
 */
export function lowerChatRequest(
  request: LlmRequest,
): ChatCompletionCreateParamsStreaming & Record<string, unknown> {
  const { system, items } = normalizeTranscript(request);
  const messages: ChatCompletionMessageParam[] = [];
  if (system) messages.push({ role: 'system', content: system });
  for (const item of items) {
    if (item.kind === 'user') messages.push({ role: 'user', content: userContent(item.blocks) });
    else if (item.kind === 'tool_results') {
      for (const result of item.results) {
        messages.push({ role: 'tool', tool_call_id: result.tool_use_id, content: toolResultText(result) });
      }
    } else {
      const message = assistantMessage(item.blocks);
      if (message) messages.push(message);
    }
  }
  const body: ChatCompletionCreateParamsStreaming & Record<string, unknown> = {
    model: request.model,
    messages,
    max_tokens: request.maxTokens,
    stream: true,
    stream_options: { include_usage: true },
  };
  if (request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.input_schema },
    }));
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.outputFormat) {
    body.response_format = {
      type: 'json_schema',
      json_schema: {
        name: request.outputFormat.name,
        schema: request.outputFormat.schema,
        strict: request.outputFormat.strict,
      },
    };
  }
  const params = request.providerParams ?? {};
  for (const key of PASSTHROUGH) {
    if (params[key] !== undefined && params[key] !== null)
      (body as Record<string, unknown>)[key] = params[key];
  }
  return body;
}
