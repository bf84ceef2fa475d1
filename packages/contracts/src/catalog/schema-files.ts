import { CONTRACT_VERSION } from '../wire/contract-version.js';
import { CONTRACT_SCHEMAS } from './schema-registry.js';

/** One file of `packages/contracts/schemas/`: its name and its JSON value. */
export interface SchemaFile {
  fileName: string;
  value: unknown;
}

const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** The registry as plain JSON (TypeBox's symbol keys dropped). */
function toPlainJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * The committed schema files: one `<Name>.json` per registry entry (a self-contained JSON Schema with
 * `$schema` and `title`), then `index.json` naming them all with the contract version.
 */
export function renderSchemaFiles(): SchemaFile[] {
  const names = Object.keys(CONTRACT_SCHEMAS);
  const files: SchemaFile[] = names.map((name) => ({
    fileName: `${name}.json`,
    value: toPlainJson({ $schema: JSON_SCHEMA_DIALECT, title: name, ...CONTRACT_SCHEMAS[name] }),
  }));
  files.push({
    fileName: 'index.json',
    value: {
      contract_version: CONTRACT_VERSION,
      schemas: Object.fromEntries(names.map((name) => [name, `${name}.json`])),
    },
  });
  return files;
}
