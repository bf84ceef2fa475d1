import { compileJsonSchema, formatIssues, type JsonSchemaValidator, type ToolDef } from '@rkat/contracts';
import {
  DEFAULT_TOOL_OUTPUT_LIMIT_BYTES,
  limitToolOutcome,
  type ToolCall,
  type ToolExecutionContext,
  type ToolOutcome,
  type ToolSource,
} from '@rkat/core';
import type { BuiltinTool } from './builtin-tool.js';

interface RegisteredTool {
  tool: BuiltinTool;
  validator: JsonSchemaValidator;
}

/** Thrown at construction when two tools share a name or a tool's input schema is not valid JSON Schema. */
export class BuiltinToolSetupError extends Error {
  override readonly name = 'BuiltinToolSetupError';
}

/** A failed outcome the model can read and act on. */
function errorOutcome(message: string): ToolOutcome {
  return { content: message, isError: true };
}

export interface BuiltinToolSourceOptions {
  /** Cap on the text of every result, in UTF-8 bytes (default `DEFAULT_TOOL_OUTPUT_LIMIT_BYTES`). */
  maxResultBytes?: number;
}

/**
 * A `ToolSource` composed from built-in tool modules. Arguments are validated against each tool's
 * `input_schema` before it runs; an unknown tool, invalid arguments or a throwing tool become an error
 * outcome (never a rejection), so the model sees the failure and the run goes on. Every result's text is
 * bounded (core's `limitToolOutcome`) so one tool cannot flood the context.
 */
export class BuiltinToolSource implements ToolSource {
  private readonly tools = new Map<string, RegisteredTool>();
  private readonly defs: readonly ToolDef[];
  private readonly maxResultBytes: number;

  /** Throws `BuiltinToolSetupError` on a duplicate name or an invalid input schema. */
  constructor(tools: readonly BuiltinTool[], options: BuiltinToolSourceOptions = {}) {
    this.maxResultBytes = options.maxResultBytes ?? DEFAULT_TOOL_OUTPUT_LIMIT_BYTES;
    for (const tool of tools) {
      const name = tool.def.name;
      if (this.tools.has(name)) throw new BuiltinToolSetupError(`duplicate built-in tool '${name}'`);
      let validator: JsonSchemaValidator;
      try {
        validator = compileJsonSchema(tool.def.input_schema);
      } catch (error) {
        throw new BuiltinToolSetupError(`invalid input schema for built-in tool '${name}'`, { cause: error });
      }
      this.tools.set(name, { tool, validator });
    }
    this.defs = tools.map((tool) => tool.def);
  }

  list(): readonly ToolDef[] {
    return this.defs;
  }

  timeoutMs(name: string): number | undefined {
    return this.tools.get(name)?.tool.timeoutMs;
  }

  async execute(call: ToolCall, context: ToolExecutionContext): Promise<ToolOutcome> {
    const registered = this.tools.get(call.name);
    if (!registered) return errorOutcome(`unknown tool '${call.name}'`);
    const checked = registered.validator.validate(call.args);
    if (!checked.ok) {
      return errorOutcome(`invalid arguments for tool '${call.name}': ${formatIssues(checked.issues)}`);
    }
    try {
      return limitToolOutcome(await registered.tool.execute(call.args, context), this.maxResultBytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return limitToolOutcome(errorOutcome(`tool '${call.name}' failed: ${reason}`), this.maxResultBytes);
    }
  }
}
