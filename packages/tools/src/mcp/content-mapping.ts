import type { ContentBlock } from '@rkat/contracts';
import type { ToolOutcome } from '@rkat/core';
import type { CallToolResult, ContentBlock as McpContentBlock } from '@modelcontextprotocol/sdk/types.js';

/**
 * Maps an MCP `tools/call` result to a tool outcome. Text stays text and images become inline image
 * blocks; kinds the model cannot take (audio, resources) become a short text note so the model still
 * learns they were returned. All-text results are joined with newlines into one string, as the original
 * does; `isError` is the server's own flag.
 */
export function mcpResultToOutcome(result: CallToolResult): ToolOutcome {
  const isError = result.isError === true;
  const blocks = result.content.map(toContentBlock);
  if (blocks.length === 0 && result.structuredContent !== undefined) {
    return { content: JSON.stringify(result.structuredContent), isError };
  }
  if (blocks.every((block) => block.type === 'text')) {
    return { content: blocks.map((block) => block.text).join('\n'), isError };
  }
  return { content: blocks, isError };
}

function toContentBlock(block: McpContentBlock): ContentBlock {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image':
      return { type: 'image', media_type: block.mimeType, source: 'inline', data: block.data };
    case 'audio':
      return { type: 'text', text: `[audio result (${block.mimeType}) omitted]` };
    case 'resource':
      return 'text' in block.resource
        ? { type: 'text', text: block.resource.text }
        : { type: 'text', text: `[binary resource ${block.resource.uri} omitted]` };
    case 'resource_link':
      return { type: 'text', text: `[resource: ${block.uri}]` };
  }
}
