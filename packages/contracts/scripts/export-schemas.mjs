#!/usr/bin/env node
// Writes the contract schemas to packages/contracts/schemas/<Name>.json plus index.json, formatted with the
// repository's prettier config, and removes files of schemas that left the registry.
// Usage (build first): npx tsc -b packages/contracts && node packages/contracts/scripts/export-schemas.mjs
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const compiled = join(packageDir, 'dist', 'src', 'catalog', 'schema-files.js');
if (!existsSync(compiled)) {
  console.error('contracts is not built: run `npx tsc -b packages/contracts` first');
  process.exit(1);
}
const { renderSchemaFiles } = await import(compiled);

const outDir = join(packageDir, 'schemas');
mkdirSync(outDir, { recursive: true });
const files = renderSchemaFiles();
const wanted = new Set(files.map((file) => file.fileName));

for (const entry of readdirSync(outDir)) {
  if (entry.endsWith('.json') && !wanted.has(entry)) rmSync(join(outDir, entry));
}
for (const { fileName, value } of files) {
  const path = join(outDir, fileName);
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(JSON.stringify(value), { ...options, filepath: path }));
}
console.log(`wrote ${files.length} files to ${outDir}`);
