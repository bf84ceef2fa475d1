import type {
  ContentBlockParam,
  ImageBlockParam,
  MessageCreateParamsStreaming,
  MessageParam,
  TextBlockParam,
  ToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/messages/messages.js';
import type { LlmRequest } from '@rkat/core';
import type { AssistantBlock, ContentBlock, ToolResult } from '@rkat/contracts';
import { INTERLEAVED_THINKING_BETA, STRUCTURED_OUTPUTS_BETA } from '../catalog/model-rows.js';
import { findModel } from '../model-catalog.js';
import { normalizeTranscript, placeholderText } from '../shared/transcript.js';

/** The Messages API body plus the `anthropic-beta` values it needs. */
export interface AnthropicLowered {
  body: MessageCreateParamsStreaming & Record<string, unknown>;
  betas: string[];
}

type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

function userBlock(block: ContentBlock): TextBlockParam | ImageBlockParam {
  if (block.type === 'image' && block.source === 'inline' && IMAGE_TYPES.has(block.media_type)) {
    return {
      type: 'image',
      source: { type: 'base64', media_type: block.media_type as ImageMediaType, data: block.data },
    };
  }
  return { type: 'text', text: placeholderText(block) };
}

function toolResultBlock(result: ToolResult): ToolResultBlockParam {
  return {
    type: 'tool_result',
    tool_use_id: result.tool_use_id,
    content: typeof result.content === 'string' ? result.content : result.content.map(userBlock),
    ...(result.is_error ? { is_error: true } : {}),
  };
}

/** Assistant blocks as Anthropic replays them; unsigned reasoning and server-tool content are dropped. */
function assistantBlocks(blocks: readonly AssistantBlock[]): ContentBlockParam[] {
  const out: ContentBlockParam[] = [];
  for (const block of blocks) {
    switch (block.block_type) {
      case 'text':
        if (block.data.text !== '') out.push({ type: 'text', text: block.data.text });
        break;
      case 'reasoning': {
        const meta = block.data.meta;
        if (meta?.provider === 'anthropic') {
          out.push({ type: 'thinking', thinking: block.data.text, signature: meta.signature });
        } else if (meta?.provider === 'anthropic_redacted') {
          out.push({ type: 'redacted_thinking', data: meta.data });
        }
        break;
      }
      case 'tool_use':
        out.push({ type: 'tool_use', id: block.data.id, name: block.data.name, input: block.data.args });
        break;
      case 'server_tool_content':
        break;
    }
  }
  return out;
}

function lowerMessages(items: ReturnType<typeof normalizeTranscript>['items']): MessageParam[] {
  const messages: MessageParam[] = [];
  const pushUser = (content: ContentBlockParam[]): void => {
    const last = messages.at(-1);
    if (last?.role === 'user' && Array.isArray(last.content)) last.content.push(...content);
    else messages.push({ role: 'user', content });
  };
  for (const item of items) {
    if (item.kind === 'user') pushUser(item.blocks.map(userBlock));
    else if (item.kind === 'tool_results') pushUser(item.results.map(toolResultBlock));
    else {
      const content = assistantBlocks(item.blocks);
      if (content.length > 0) messages.push({ role: 'assistant', content });
    }
  }
  return messages;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Lowers a request to the Messages API (01 §9, §11): system prompt, transcript, tools, `max_tokens`,
 * temperature (dropped for models that reject it), and provider params `thinking` / `thinking_budget`,
 * `top_k`, `effort` (→ `output_config.effort`) and `inference_geo`. An output format becomes
 * `output_config.format` with the `structured-outputs-2025-11-13` beta.
 */
export function lowerAnthropicRequest(request: LlmRequest): AnthropicLowered {
  const { system, items } = normalizeTranscript(request);
  const row = findModel(request.model);
  const params = request.providerParams ?? {};
  const body: MessageCreateParamsStreaming & Record<string, unknown> = {
    model: request.model,
    max_tokens: request.maxTokens,
    messages: lowerMessages(items),
    stream: true,
  };
  const betas: string[] = [];
  if (system) body.system = system;
  if (request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: { type: 'object', ...tool.input_schema },
    }));
  }
  if (request.temperature !== undefined && (row?.supportsTemperature ?? true))
    body.temperature = request.temperature;

  if (isObject(params.thinking)) {
    body.thinking = params.thinking as unknown as MessageCreateParamsStreaming['thinking'];
  } else if (typeof params.thinking_budget === 'number') {
    body.thinking = { type: 'enabled', budget_tokens: params.thinking_budget };
  }
  if (typeof params.top_k === 'number') body.top_k = params.top_k;
  if (typeof params.inference_geo === 'string') body.inference_geo = params.inference_geo;

  const outputConfig: Record<string, unknown> = {};
  if (typeof params.effort === 'string') outputConfig.effort = params.effort;
  if (request.outputFormat) {
    outputConfig.format = { type: 'json_schema', schema: request.outputFormat.schema };
    betas.push(STRUCTURED_OUTPUTS_BETA);
  }
  if (Object.keys(outputConfig).length > 0) body.output_config = outputConfig;

  const thinkingType = isObject(body.thinking) ? body.thinking.type : undefined;
  const interleaved =
    row?.betaHeaders.some((header) => header.header_value === INTERLEAVED_THINKING_BETA) ?? false;
  if (thinkingType === 'enabled' && request.tools.length > 0 && interleaved)
    betas.push(INTERLEAVED_THINKING_BETA);
  return { body, betas };
}
