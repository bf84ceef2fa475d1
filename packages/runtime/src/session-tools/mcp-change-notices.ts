import type { SystemNoticeKind } from '@rkat/contracts';
import type { McpLifecycleChange } from '@rkat/tools';

/** A system notice committed to the transcript at the turn boundary where a tool change applied. */
export interface BoundaryNotice {
  kind: SystemNoticeKind;
  body: string;
}

function toolCount(count: number | undefined): string {
  if (count === undefined) return 'its tools are';
  return count === 1 ? 'its 1 tool is' : `its ${count} tools are`;
}

/**
 * The prompt system notice (01 §13) for one MCP change applied at a turn boundary, or `undefined` when the
 * model learns nothing new from it (the `applied` end of a drain the `draining` notice already announced).
 * Applied changes are `tool_scope` notices; a failed connect and a forced removal are `tool_scope_warning`.
 * The forced text is the original's (`meerkat/src/surface.rs`, `emit_mcp_lifecycle_events`).
 */
export function mcpChangeNotice(change: McpLifecycleChange): BoundaryNotice | undefined {
  const server = `MCP server '${change.target}'`;
  switch (change.phase) {
    case 'applied':
      if (change.operation === 'add') {
        return {
          kind: 'tool_scope',
          body: `${server} was added at this turn boundary; ${toolCount(change.tool_count)} now available.`,
        };
      }
      if (change.operation === 'reload') {
        return {
          kind: 'tool_scope',
          body: `${server} was reloaded at this turn boundary; ${toolCount(change.tool_count)} available.`,
        };
      }
      return change.drained ? undefined : removedNotice(server);
    case 'draining':
      return removedNotice(server);
    case 'forced':
      return { kind: 'tool_scope_warning', body: `${server} removal forced after drain timeout.` };
    case 'failed': {
      const reason = change.detail === undefined ? '' : `: ${change.detail}`;
      const verb =
        change.operation === 'add' ? 'added' : change.operation === 'reload' ? 'reloaded' : 'removed';
      const after = change.operation === 'add' ? ' Its tools are not available.' : '';
      return { kind: 'tool_scope_warning', body: `${server} could not be ${verb}${reason}.${after}` };
    }
    default: {
      const unreachable: never = change.phase;
      throw new Error(`unknown MCP change phase ${String(unreachable)}`);
    }
  }
}

function removedNotice(server: string): BoundaryNotice {
  return {
    kind: 'tool_scope',
    body: `${server} was removed at this turn boundary; its tools are no longer available.`,
  };
}
