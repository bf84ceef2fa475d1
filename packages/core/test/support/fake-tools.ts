import type { ToolDef } from '@rkat/contracts';
import type { Clock } from '../../src/ports/clock.js';
import type { ToolCall, ToolExecutionContext, ToolOutcome, ToolSource } from '../../src/ports/tool-source.js';

export type ToolHandler = (
  args: Record<string, unknown>,
  context: ToolExecutionContext,
) => Promise<ToolOutcome>;

export interface FakeTool {
  schema?: Record<string, unknown>;
  timeoutMs?: number;
  run: ToolHandler;
}

/** A `ToolSource` over in-memory handlers; records every executed call and the signal it got. */
export class FakeTools implements ToolSource {
  readonly executed: Array<{ call: ToolCall; signal: AbortSignal }> = [];
  readonly #tools: Record<string, FakeTool>;

  constructor(tools: Record<string, FakeTool> = {}) {
    this.#tools = tools;
  }

  list(): readonly ToolDef[] {
    return Object.entries(this.#tools).map(([name, tool]) => ({
      name,
      description: `the ${name} tool`,
      input_schema: tool.schema ?? { type: 'object' },
    }));
  }

  execute(call: ToolCall, context: ToolExecutionContext): Promise<ToolOutcome> {
    this.executed.push({ call, signal: context.signal });
    const tool = this.#tools[call.name];
    if (!tool) throw new Error(`no such fake tool: ${call.name}`);
    return tool.run(call.args, context);
  }

  timeoutMs(name: string): number | undefined {
    return this.#tools[name]?.timeoutMs;
  }
}

/** A handler that answers `content` after `ms` of virtual time (rejecting if its call is aborted first). */
export function answersAfter(clock: Clock, ms: number, content: string): ToolHandler {
  return async (_args, context) => {
    await clock.sleep(ms, context.signal);
    return { content, isError: false };
  };
}

/** A handler that ignores its abort signal and answers after `ms` of virtual time. */
export function ignoresAbort(clock: Clock, ms: number, content: string, settled: string[]): ToolHandler {
  return async () => {
    await clock.sleep(ms);
    settled.push(content);
    return { content, isError: false };
  };
}
