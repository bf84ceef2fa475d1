import { compileJsonSchema, type JsonSchemaValidator } from '@rkat/contracts';

const MAX_ENTRIES = 256;
const cache = new Map<string, JsonSchemaValidator>();

/**
 * `compileJsonSchema` with a bounded process-wide cache keyed by the schema's JSON text: compiling costs
 * tens of milliseconds, and the same tool and output schemas recur on every turn and run.
 * Throws `InvalidJsonSchemaError` like `compileJsonSchema` (failures are not cached).
 */
export function compileSchemaCached(schema: Record<string, unknown>): JsonSchemaValidator {
  const key = JSON.stringify(schema);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const validator = compileJsonSchema(schema);
  cache.set(key, validator);
  if (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return validator;
}
