import {
  checkContract,
  compileJsonSchema,
  formatIssues,
  ToolDef,
  type JsonSchemaValidator,
} from '@rkat/contracts';
import { RuntimeError } from '../errors/runtime-error.js';

/**
 * A tool definition from a client (`tools/register`, `external_tools`) that does not match the contract's
 * ToolDef or whose `input_schema` is not valid JSON Schema. An invalid-params class failure (-32602).
 */
export class InvalidToolDefinitionError extends RuntimeError {
  override readonly name = 'InvalidToolDefinitionError';
  /** Position of the offending definition in the list. */
  readonly index: number;
  /** Its `name`, when it has a usable one. */
  readonly toolName: string | undefined;

  constructor(field: string, index: number, toolName: string | undefined, problem: string, cause?: unknown) {
    const label = toolName === undefined ? `${field}[${index}]` : `${field}[${index}] ('${toolName}')`;
    super('INVALID_PARAMS', `Invalid tool definition ${label}: ${problem}`, { cause });
    this.index = index;
    this.toolName = toolName;
  }
}

/**
 * The argument validator of a tool's `input_schema`, compiled once per distinct schema (`compileJsonSchema` caches).
 * Throws `InvalidJsonSchemaError` when the schema is not valid JSON Schema (failures are not cached).
 */
export function toolInputValidator(tool: ToolDef): JsonSchemaValidator {
  return compileJsonSchema(tool.input_schema);
}

function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}

function copyOf(tool: ToolDef): ToolDef {
  const copy: ToolDef = { name: tool.name, description: tool.description, input_schema: tool.input_schema };
  if (tool.provenance !== undefined) copy.provenance = tool.provenance;
  return Object.freeze(copy);
}

/**
 * Checks client-supplied tool definitions against the contract's ToolDef and compiles each `input_schema`.
 * Returns frozen copies in the given order. Throws `InvalidToolDefinitionError` naming the first bad one
 * (`field` names the list in the message, e.g. `tools` or `external_tools`).
 */
export function parseToolDefs(value: unknown, field = 'tools'): ToolDef[] {
  if (!Array.isArray(value)) {
    throw new RuntimeError('INVALID_PARAMS', `Invalid ${field}: expected an array of tool definitions`);
  }
  return value.map((item: unknown, index) => {
    const checked = checkContract<ToolDef>(ToolDef, item);
    if (!checked.ok) {
      throw new InvalidToolDefinitionError(field, index, nameOf(item), formatIssues(checked.issues));
    }
    try {
      toolInputValidator(checked.value);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InvalidToolDefinitionError(
        field,
        index,
        checked.value.name,
        `input_schema is not valid JSON Schema: ${reason}`,
        error,
      );
    }
    return copyOf(checked.value);
  });
}
