import type { ToolDef } from '@rkat/contracts';
import type { ToolCall, ToolExecutionContext, ToolOutcome, ToolSource } from '@rkat/core';

/**
 * Several tool sources offered as one: for a name listed by more than one source, the first source wins
 * (the built-ins and shell of this runtime before MCP servers, so a server cannot shadow them). `list()`
 * is read from the sources on every call, so MCP changes applied at a boundary show up.
 */
export class CompositeToolSource implements ToolSource {
  constructor(private readonly sources: readonly ToolSource[]) {}

  list(): readonly ToolDef[] {
    const seen = new Set<string>();
    const tools: ToolDef[] = [];
    for (const source of this.sources) {
      for (const tool of source.list()) {
        if (seen.has(tool.name)) continue;
        seen.add(tool.name);
        tools.push(tool);
      }
    }
    return tools;
  }

  timeoutMs(name: string): number | undefined {
    return this.ownerOf(name)?.timeoutMs?.(name);
  }

  execute(call: ToolCall, context: ToolExecutionContext): Promise<ToolOutcome> {
    const owner = this.ownerOf(call.name);
    if (owner === undefined)
      return Promise.resolve({ content: `unknown tool '${call.name}'`, isError: true });
    return owner.execute(call, context);
  }

  private ownerOf(name: string): ToolSource | undefined {
    return this.sources.find((source) => source.list().some((tool) => tool.name === name));
  }
}
