import { Type, type Static } from '@sinclair/typebox';
import type { ToolFilter } from '@rkat/contracts';

const names = Type.Union([Type.Array(Type.String()), Type.Null()]);

/**
 * The per-turn tool overlay of `turn/start` (`flow_tool_overlay`, 01 §7.1). A present `allowed_tools`
 * (even empty) keeps only the names it lists; `blocked_tools` hides names; `null` means absent.
 */
export const FlowToolOverlay = Type.Object(
  { allowed_tools: Type.Optional(names), blocked_tools: Type.Optional(names) },
  { additionalProperties: false },
);
export type FlowToolOverlay = Static<typeof FlowToolOverlay>;

/**
 * Whether a tool named `name` is visible under the session's `tool_filter` (`"All"`, `{Allow}`, `{Deny}`;
 * absent means all) and the turn's overlay. A tool must pass both; a blocked name is hidden even when
 * allowed.
 */
export function isToolVisible(name: string, filter?: ToolFilter, overlay?: FlowToolOverlay): boolean {
  if (filter !== undefined && filter !== 'All') {
    if ('Allow' in filter && !filter.Allow.includes(name)) return false;
    if ('Deny' in filter && filter.Deny.includes(name)) return false;
  }
  if (overlay?.allowed_tools != null && !overlay.allowed_tools.includes(name)) return false;
  if (overlay?.blocked_tools != null && overlay.blocked_tools.includes(name)) return false;
  return true;
}
