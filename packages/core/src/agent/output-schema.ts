import { compileJsonSchema, InvalidJsonSchemaError, type JsonSchemaValidator } from '@rkat/contracts';
import type { OutputSchemaSpec } from './run-options.js';

const WRAPPER_KEYS: ReadonlySet<string> = new Set(['schema', 'name', 'strict', 'compat', 'format']);
const DEFAULT_SCHEMA_NAME = 'output';

/**
 * A rejected `output_schema`. Stable code `invalid_output_schema`; `message` is already the wire text
 * (`Invalid output_schema: <reason>`) that the surfaces answer with -32602.
 */
export class InvalidOutputSchemaError extends Error {
  override readonly name = 'InvalidOutputSchemaError';
  readonly code = 'invalid_output_schema';
  readonly reason: string;

  constructor(reason: string, options: { cause?: unknown } = {}) {
    super(`Invalid output_schema: ${reason}`, { cause: options.cause });
    this.reason = reason;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWrapper(raw: Record<string, unknown>): boolean {
  if (!('schema' in raw)) return false;
  return raw['format'] === 'meerkat_v1' || Object.keys(raw).every((key) => WRAPPER_KEYS.has(key));
}

function optionalField<T>(
  raw: Record<string, unknown>,
  key: string,
  check: (value: unknown) => value is T,
  expected: string,
): T | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (!check(value)) throw new InvalidOutputSchemaError(`\`${key}\` must be ${expected}`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isCompat = (value: unknown): value is 'lossy' | 'strict' => value === 'lossy' || value === 'strict';
const isFormat = (value: unknown): value is 'meerkat_v1' => value === 'meerkat_v1';

/**
 * Compiles an already normalized schema. Throws `InvalidOutputSchemaError` when it is not valid JSON Schema.
 */
export function compileOutputSchema(spec: OutputSchemaSpec): JsonSchemaValidator {
  try {
    return compileJsonSchema(spec.schema);
  } catch (error) {
    if (error instanceof InvalidJsonSchemaError) {
      throw new InvalidOutputSchemaError(error.message, { cause: error });
    }
    throw error;
  }
}

/**
 * Normalizes a caller's `output_schema` (01 §9): either a raw JSON Schema object or the wrapper
 * `{schema, name?, strict?=false, compat?, format?:"meerkat_v1"}`. It is a wrapper when it has `schema`
 * and either `format:"meerkat_v1"` or only wrapper keys. The schema root must be a JSON object and must
 * compile as JSON Schema. Throws `InvalidOutputSchemaError` otherwise; never returns a partial result.
 */
export function normalizeOutputSchema(raw: unknown): OutputSchemaSpec {
  if (!isObject(raw)) throw new InvalidOutputSchemaError('schema root must be a JSON object');
  let spec: OutputSchemaSpec;
  if (isWrapper(raw)) {
    const schema = raw['schema'];
    if (!isObject(schema)) throw new InvalidOutputSchemaError('schema root must be a JSON object');
    optionalField(raw, 'compat', isCompat, '"lossy" or "strict"');
    optionalField(raw, 'format', isFormat, '"meerkat_v1"');
    spec = {
      schema,
      name: optionalField(raw, 'name', isString, 'a string') ?? DEFAULT_SCHEMA_NAME,
      strict: optionalField(raw, 'strict', isBoolean, 'a boolean') ?? false,
    };
  } else {
    spec = { schema: raw, name: DEFAULT_SCHEMA_NAME, strict: false };
  }
  compileOutputSchema(spec);
  return spec;
}
