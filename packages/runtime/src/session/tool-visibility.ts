import type { ToolDef, ToolFilter } from '@rkat/contracts';
import type { ToolSource } from '@rkat/core';
import { isToolVisible, type FlowToolOverlay } from '../callback-tools/tool-visibility.js';

/**
 * The tools a turn shows the model: `source` narrowed by the session's `tool_filter` and the turn's
 * `flow_tool_overlay` (the same rule as the callback-tool layer, `isToolVisible`; narrowing twice is
 * harmless). A hidden tool is neither listed nor executed (a call fails like an unknown tool). Returns
 * `source` itself when nothing narrows it.
 */
export function visibleTools(
  source: ToolSource,
  filter: ToolFilter | undefined,
  overlay: FlowToolOverlay | undefined,
): ToolSource {
  const narrows =
    (filter !== undefined && filter !== 'All') ||
    overlay?.allowed_tools != null ||
    overlay?.blocked_tools != null;
  if (!narrows) return source;
  const visible = (name: string): boolean => isToolVisible(name, filter, overlay);
  const narrowed: ToolSource = {
    list: (): readonly ToolDef[] => source.list().filter((tool) => visible(tool.name)),
    execute: (call, context) =>
      visible(call.name)
        ? source.execute(call, context)
        : Promise.resolve({ content: `unknown tool: ${call.name}`, isError: true }),
  };
  if (source.timeoutMs) {
    const timeoutMs = source.timeoutMs.bind(source);
    narrowed.timeoutMs = (name) => timeoutMs(name);
  }
  return narrowed;
}
