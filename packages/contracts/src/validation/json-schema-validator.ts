import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats ships CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface ValidationIssue {
  /** JSON Pointer of the offending value ('' for the root). */
  path: string;
  message: string;
}

/** The outcome of a validation: the typed value, or every issue found. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** A compiled validator for one schema. */
export interface JsonSchemaValidator<T = unknown> {
  validate(value: unknown): ValidationResult<T>;
}

function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

const contractAjv = createAjv();
const compiledContracts = new WeakMap<object, ValidateFunction>();

function toIssues(errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).map((error) => ({
    path: error.instancePath,
    message:
      error.keyword === 'additionalProperties'
        ? `unknown field \`${String((error.params as { additionalProperty?: unknown }).additionalProperty)}\``
        : error.keyword === 'required'
          ? `missing field \`${String((error.params as { missingProperty?: unknown }).missingProperty)}\``
          : (error.message ?? 'invalid'),
  }));
}

/** Formats issues as one line: `/path: message; /other: message`. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
}

/**
 * Validates a value against one of the contract schemas (compiled once, cached per schema object).
 * Never throws for bad input; returns the issues instead.
 */
export function checkContract<T>(schema: object, value: unknown): ValidationResult<T> {
  let validate = compiledContracts.get(schema);
  if (!validate) {
    validate = contractAjv.compile(schema);
    compiledContracts.set(schema, validate);
  }
  return validate(value) ? { ok: true, value: value as T } : { ok: false, issues: toIssues(validate.errors) };
}

/** A caller-supplied JSON Schema is itself invalid; never retryable. */
const MAX_COMPILED_SCHEMAS = 256;
const compiledSchemas = new Map<string, JsonSchemaValidator>();

export class InvalidJsonSchemaError extends Error {
  override readonly name = 'InvalidJsonSchemaError';
  readonly code = 'INVALID_JSON_SCHEMA';
  readonly retryable = false;
}

/**
 * Compiles a caller-supplied JSON Schema (an output schema, a tool's input schema).
 * Throws `InvalidJsonSchemaError` when the schema itself is not valid JSON Schema.
 */
export function compileJsonSchema<T = unknown>(schema: unknown): JsonSchemaValidator<T> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new InvalidJsonSchemaError('schema must be a JSON object');
  }
  // Compiling costs tens of milliseconds and the same tool and output schemas recur every turn, so
  // validators (stateless) are cached by the schema's JSON text, least recently used out first.
  const key = JSON.stringify(schema);
  const hit = compiledSchemas.get(key);
  if (hit !== undefined) {
    compiledSchemas.delete(key);
    compiledSchemas.set(key, hit);
    return hit as JsonSchemaValidator<T>;
  }
  const ajv = createAjv();
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new InvalidJsonSchemaError(error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  const validator: JsonSchemaValidator = {
    validate: (value) =>
      validate(value) ? { ok: true, value } : { ok: false, issues: toIssues(validate.errors) },
  };
  compiledSchemas.set(key, validator);
  if (compiledSchemas.size > MAX_COMPILED_SCHEMAS) {
    const oldest = compiledSchemas.keys().next();
    if (oldest.done !== true) compiledSchemas.delete(oldest.value);
  }
  return validator as JsonSchemaValidator<T>;
}
