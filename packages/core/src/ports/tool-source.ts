import type { ContentBlock, ToolDef } from '@rkat/contracts';

export interface ToolCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

/** The outcome of one tool call, sent back to the model. A tool failure is an outcome, not a throw. */
export interface ToolOutcome {
  content: string | ContentBlock[];
  isError: boolean;
}

export interface ToolExecutionContext {
  sessionId: string;
  /** Aborted on interrupt or when the tool's timeout expires. */
  signal: AbortSignal;
}

/**
 * Where the loop finds tools. `execute` may throw or reject; the loop turns that into an error result.
 * Implementations validate arguments against the tool's schema (tools issue); the loop does too.
 */
export interface ToolSource {
  list(): readonly ToolDef[];
  execute(call: ToolCall, context: ToolExecutionContext): Promise<ToolOutcome>;
  /** Timeout for one call of this tool, in milliseconds (undefined: the loop's default). */
  timeoutMs?(name: string): number | undefined;
}
