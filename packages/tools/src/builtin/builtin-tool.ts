import type { ToolDef } from '@rkat/contracts';
import type { ToolExecutionContext, ToolOutcome } from '@rkat/core';

/**
 * One built-in tool: its definition and its implementation. `execute` receives arguments already checked
 * against `def.input_schema`; it may throw, and `BuiltinToolSource` turns the throw into an error outcome.
 */
export interface BuiltinTool {
  readonly def: ToolDef;
  /** Timeout for one call in milliseconds; undefined leaves the loop's default. */
  readonly timeoutMs?: number;
  execute(args: Record<string, unknown>, context: ToolExecutionContext): Promise<ToolOutcome>;
}
