import { compileJsonSchema, formatIssues, type JsonSchemaValidator, type ToolDef } from '@rkat/contracts';

/**
 * Checks tool-call arguments against each tool's `input_schema` (compiled schemas are cached).
 */
export class ToolArgumentValidator {
  readonly #compiled = new Map<ToolDef, JsonSchemaValidator | Error>();

  /** A description of what is wrong with `args`, or `undefined` when they match the schema. */
  problem(tool: ToolDef, args: unknown): string | undefined {
    let validator = this.#compiled.get(tool);
    if (validator === undefined) {
      try {
        validator = compileJsonSchema(tool.input_schema);
      } catch (error) {
        validator = error instanceof Error ? error : new Error(String(error));
      }
      this.#compiled.set(tool, validator);
    }
    if (validator instanceof Error) return `the tool's input schema is invalid: ${validator.message}`;
    const result = validator.validate(args);
    return result.ok ? undefined : formatIssues(result.issues);
  }
}
