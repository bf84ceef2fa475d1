import type {
  ResponseCreateParamsStreaming,
  ResponseFunctionCallOutputItemList,
  ResponseInputItem,
  ResponseInputMessageContentList,
} from 'openai/resources/responses/responses.js';
import type { LlmRequest } from '@rkat/core';
import type { AssistantBlock, ContentBlock, ToolResult } from '@rkat/contracts';
import { findModel } from '../model-catalog.js';
import { dataUrl, normalizeTranscript, placeholderText, toolResultText } from '../shared/transcript.js';

function userContent(blocks: readonly ContentBlock[]): ResponseInputMessageContentList {
  return blocks.map((block) =>
    block.type === 'image' && block.source === 'inline'
      ? { type: 'input_image', image_url: dataUrl(block.media_type, block.data), detail: 'auto' }
      : { type: 'input_text', text: placeholderText(block) },
  );
}

function toolOutput(result: ToolResult, imagesAllowed: boolean): string | ResponseFunctionCallOutputItemList {
  const hasImage =
    typeof result.content !== 'string' &&
    result.content.some((block) => block.type === 'image' && block.source === 'inline');
  if (!imagesAllowed || !hasImage || typeof result.content === 'string') return toolResultText(result);
  return userContent(result.content) as ResponseFunctionCallOutputItemList;
}

/**
 * Assistant blocks as Responses input items: reasoning replayed from `{provider:'open_ai', id,
 * encrypted_content}` meta (only when the encrypted content is present, since nothing is stored server-side),
 * text as an assistant message, tool uses as `function_call` items. Item ids other than reasoning ids are not
 * sent: with `store:false` the server could not resolve them.
 */
function assistantItems(blocks: readonly AssistantBlock[]): ResponseInputItem[] {
  const items: ResponseInputItem[] = [];
  for (const block of blocks) {
    switch (block.block_type) {
      case 'reasoning': {
        const meta = block.data.meta;
        if (meta?.provider === 'open_ai' && meta.encrypted_content) {
          items.push({
            type: 'reasoning',
            id: meta.id,
            summary: block.data.text ? [{ type: 'summary_text', text: block.data.text }] : [],
            encrypted_content: meta.encrypted_content,
          });
        }
        break;
      }
      case 'text':
        if (block.data.text !== '')
          items.push({ type: 'message', role: 'assistant', content: block.data.text });
        break;
      case 'tool_use':
        items.push({
          type: 'function_call',
          call_id: block.data.id,
          name: block.data.name,
          arguments: JSON.stringify(block.data.args),
        });
        break;
      case 'server_tool_content':
        break;
    }
  }
  return items;
}

/** Provider params passed through unchanged when present (01 §11 OpenAI `params_schema`). */
const PASSTHROUGH_NUMBERS = ['seed', 'frequency_penalty', 'presence_penalty'] as const;

/**
 * Lowers a request to the Responses API: `store:false`, system prompt as `instructions`, transcript as input
 * items, tools as `function`, `max_output_tokens`, `text.format` json_schema for an output format, and
 * `reasoning` (effort from `reasoning_effort`, summaries on, encrypted content included) for reasoning models
 * or whenever `reasoning_effort` is given.
 */
export function lowerResponsesRequest(
  request: LlmRequest,
): ResponseCreateParamsStreaming & Record<string, unknown> {
  const { system, items } = normalizeTranscript(request);
  const row = findModel(request.model);
  const params = request.providerParams ?? {};
  const imagesInToolResults = row?.imageToolResults ?? true;
  const input: ResponseInputItem[] = [];
  for (const item of items) {
    if (item.kind === 'user')
      input.push({ type: 'message', role: 'user', content: userContent(item.blocks) });
    else if (item.kind === 'assistant') input.push(...assistantItems(item.blocks));
    else {
      for (const result of item.results) {
        input.push({
          type: 'function_call_output',
          call_id: result.tool_use_id,
          output: toolOutput(result, imagesInToolResults),
        });
      }
    }
  }
  const body: ResponseCreateParamsStreaming & Record<string, unknown> = {
    model: request.model,
    input,
    max_output_tokens: request.maxTokens,
    stream: true,
    store: false,
  };
  if (system) body.instructions = system;
  if (request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      description: tool.description,
      parameters: tool.input_schema,
      strict: false,
    }));
  }
  if (request.temperature !== undefined && (row?.supportsTemperature ?? true))
    body.temperature = request.temperature;
  const effort = typeof params.reasoning_effort === 'string' ? params.reasoning_effort : undefined;
  if (row?.supportsReasoning || effort !== undefined) {
    body.reasoning = { effort: (effort ?? 'medium') as 'medium', summary: 'auto' };
    body.include = ['reasoning.encrypted_content'];
  }
  if (request.outputFormat) {
    body.text = {
      format: {
        type: 'json_schema',
        name: request.outputFormat.name,
        schema: request.outputFormat.schema,
        strict: request.outputFormat.strict,
      },
    };
  }
  for (const key of PASSTHROUGH_NUMBERS) {
    if (typeof params[key] === 'number') body[key] = params[key];
  }
  return body;
}
