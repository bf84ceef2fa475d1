import type { Content, GenerateContentConfig, Part, ThinkingConfig, ThinkingLevel } from '@google/genai';
import type { LlmRequest } from '@rkat/core';
import type { AssistantBlock, BlockMeta, ContentBlock, SchemaWarning, ToolResult } from '@rkat/contracts';
import { findModel } from '../model-catalog.js';
import { asObject } from '../shared/loose.js';
import { normalizeTranscript, placeholderText, toolNamesById, toolResultText } from '../shared/transcript.js';
import { geminiSchemaWarnings } from './gemini-schema-warnings.js';

/** The `generateContentStream` arguments (without model and transport) plus the schema warnings. */
export interface GeminiLowered {
  contents: Content[];
  config: GenerateContentConfig;
  schemaWarnings: SchemaWarning[];
}

function userPart(block: ContentBlock): Part {
  if ((block.type === 'image' || block.type === 'video') && block.source === 'inline') {
    return { inlineData: { mimeType: block.media_type, data: block.data } };
  }
  return { text: placeholderText(block) };
}

/** Assistant blocks as `model` parts, with `thoughtSignature` replayed from `{provider:'gemini'}` meta. */
function modelParts(blocks: readonly AssistantBlock[]): Part[] {
  const parts: Part[] = [];
  for (const block of blocks) {
    const meta = block.data.meta as BlockMeta | undefined;
    const thoughtSignature = meta?.provider === 'gemini' ? meta.thoughtSignature : undefined;
    const signature = thoughtSignature ? { thoughtSignature } : {};
    switch (block.block_type) {
      case 'text':
        if (block.data.text !== '' || thoughtSignature) parts.push({ text: block.data.text, ...signature });
        break;
      case 'reasoning':
        if (thoughtSignature) parts.push({ text: block.data.text, thought: true, ...signature });
        break;
      case 'tool_use':
        parts.push({ functionCall: { name: block.data.name, args: block.data.args }, ...signature });
        break;
      case 'server_tool_content':
        break;
    }
  }
  return parts;
}

function resultParts(result: ToolResult, names: ReadonlyMap<string, string>): Part[] {
  const parts: Part[] = [
    {
      functionResponse: {
        name: names.get(result.tool_use_id) ?? result.tool_use_id,
        response: { content: toolResultText(result), error: result.is_error },
      },
    },
  ];
  if (typeof result.content !== 'string') {
    for (const block of result.content) {
      if (block.type === 'image' && block.source === 'inline') parts.push(userPart(block));
    }
  }
  return parts;
}

function pushContent(contents: Content[], role: 'user' | 'model', parts: Part[]): void {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last?.role === role) last.parts = [...(last.parts ?? []), ...parts];
  else contents.push({ role, parts });
}

const LEVELS: Record<string, ThinkingLevel> = {
  minimal: 'MINIMAL' as ThinkingLevel,
  low: 'LOW' as ThinkingLevel,
  medium: 'MEDIUM' as ThinkingLevel,
  high: 'HIGH' as ThinkingLevel,
};

function thinkingConfig(
  params: Readonly<Record<string, unknown>>,
  thinks: boolean,
): ThinkingConfig | undefined {
  const nested = asObject(params.thinking);
  const level = nested?.thinking_level ?? params.thinking_level;
  const budget = nested?.thinking_budget ?? params.thinking_budget;
  const config: ThinkingConfig = {};
  if (typeof level === 'string' && LEVELS[level]) config.thinkingLevel = LEVELS[level];
  else if (typeof budget === 'number') config.thinkingBudget = budget;
  if (!thinks && Object.keys(config).length === 0) return undefined;
  return { ...config, includeThoughts: true };
}

/**
 * Lowers a request to `streamGenerateContent`: `systemInstruction`, contents (role `model` for the
 * assistant, `functionCall` / `functionResponse` parts), `functionDeclarations` with `parametersJsonSchema`,
 * `maxOutputTokens`, temperature, `topK` / `topP`, `thinkingConfig` (thought summaries requested for thinking
 * models), and for an output format `responseJsonSchema` + `responseMimeType` with schema warnings.
 */
export function lowerGeminiRequest(request: LlmRequest): GeminiLowered {
  const { system, items } = normalizeTranscript(request);
  const names = toolNamesById(items);
  const contents: Content[] = [];
  for (const item of items) {
    if (item.kind === 'user') pushContent(contents, 'user', item.blocks.map(userPart));
    else if (item.kind === 'assistant') pushContent(contents, 'model', modelParts(item.blocks));
    else
      pushContent(
        contents,
        'user',
        item.results.flatMap((result) => resultParts(result, names)),
      );
  }
  const params = request.providerParams ?? {};
  const row = findModel(request.model);
  const config: GenerateContentConfig = { maxOutputTokens: request.maxTokens };
  if (system) config.systemInstruction = system;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (typeof params.top_k === 'number') config.topK = params.top_k;
  if (typeof params.top_p === 'number') config.topP = params.top_p;
  const thinking = thinkingConfig(params, (row?.thinking ?? 'none') !== 'none');
  if (thinking) config.thinkingConfig = thinking;
  if (request.tools.length > 0) {
    config.tools = [
      {
        functionDeclarations: request.tools.map((tool) => ({
          name: tool.name,
          description: tool.description,
          parametersJsonSchema: tool.input_schema,
        })),
      },
    ];
  }
  let schemaWarnings: SchemaWarning[] = [];
  if (request.outputFormat) {
    config.responseMimeType = 'application/json';
    config.responseJsonSchema = request.outputFormat.schema;
    schemaWarnings = geminiSchemaWarnings(request.outputFormat.schema);
  }
  return { contents, config, schemaWarnings };
}
