import type { ContentBlock, ToolResult } from '@rkat/contracts';
import type { RunContext } from '../agent/run-context.js';
import type { HookInvocation } from './hook-gate.js';
import { hookDeniedError } from './hook-errors.js';

type ToolInvocation = Omit<HookInvocation, 'session_id'>;

/**
 * Runs the tool hooks of one assistant reply, one invocation per call and in parallel (as the tools
 * run), and throws the hook-denied error of the first call, in call order, that a guardrail denied.
 */
export async function passToolHooks(context: RunContext, invocations: ToolInvocation[]): Promise<void> {
  const gate = context.options.hooks;
  if (gate === undefined || invocations.length === 0) return;
  const denials = await Promise.all(
    invocations.map((invocation) =>
      gate.run(
        { ...invocation, session_id: context.options.sessionId },
        { emit: context.emit, signal: context.scope.signal },
      ),
    ),
  );
  const denial = denials.find((found) => found !== undefined);
  if (denial !== undefined) throw hookDeniedError(denial);
}

function textOf(content: string | ContentBlock[]): string {
  if (typeof content === 'string') return content;
  return content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

/** The `post_tool_execution` invocation of one result (`content` is its text projection). */
export function postToolInvocation(result: ToolResult, name: string): ToolInvocation {
  const blocks = typeof result.content === 'string' ? [] : result.content;
  return {
    point: 'post_tool_execution',
    tool_result: {
      tool_use_id: result.tool_use_id,
      name,
      content: textOf(result.content),
      content_blocks: blocks,
      is_error: result.is_error,
    },
  };
}
