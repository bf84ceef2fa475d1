import type { SchemaWarning } from '@rkat/contracts';

const SUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  '$id',
  '$defs',
  '$ref',
  '$anchor',
  'type',
  'format',
  'title',
  'description',
  'const',
  'default',
  'examples',
  'enum',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'anyOf',
  'oneOf',
  'properties',
  'additionalProperties',
  'required',
  'propertyOrdering',
  'nullable',
]);

const join = (path: string, key: string | number): string => `${path}/${key}`;

function inspectNode(value: unknown, path: string, warnings: SchemaWarning[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => inspectNode(item, join(path, index), warnings));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!SUPPORTED_KEYWORDS.has(key)) {
      warnings.push({
        provider: 'gemini',
        path: join(path, key),
        message: `Keyword '${key}' may be ignored by Gemini responseJsonSchema`,
      });
    }
  }
  for (const [key, child] of Object.entries(object)) {
    const childPath = join(path, key);
    const isSchemaMap =
      (key === 'properties' || key === '$defs') && typeof child === 'object' && child !== null;
    if (isSchemaMap && !Array.isArray(child)) {
      for (const [name, schema] of Object.entries(child as Record<string, unknown>)) {
        inspectNode(schema, join(childPath, name), warnings);
      }
    } else {
      inspectNode(child, childPath, warnings);
    }
  }
}

/**
 * Lists keywords of an output schema that Gemini's `responseJsonSchema` may ignore (01 §9): one warning per
 * keyword, with a JSON-pointer-like path and the message `Keyword '<k>' may be ignored by Gemini
 * responseJsonSchema`. Names under `properties` and `$defs` are property names, not keywords.
 */
export function geminiSchemaWarnings(schema: Record<string, unknown>): SchemaWarning[] {
  const warnings: SchemaWarning[] = [];
  inspectNode(schema, '', warnings);
  return warnings;
}
