import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import * as contracts from '../../src/index.js';
import { CONTRACT_SCHEMAS, renderSchemaFiles } from '../../src/index.js';

// Compiled to dist/test/catalog/, so the committed files are three levels up.
const schemasDir = fileURLToPath(new URL('../../../schemas/', import.meta.url));
const REGENERATE =
  'packages/contracts/schemas/ is out of date with CONTRACT_SCHEMAS. Regenerate with: ' +
  'npx tsc -b packages/contracts && node packages/contracts/scripts/export-schemas.mjs';

void test('every committed schema file equals the registry (no drift)', () => {
  assert.ok(existsSync(schemasDir), `${schemasDir} is missing. ${REGENERATE}`);
  for (const { fileName, value } of renderSchemaFiles()) {
    const path = `${schemasDir}${fileName}`;
    assert.ok(existsSync(path), `${fileName} is missing. ${REGENERATE}`);
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), value, `${fileName} differs. ${REGENERATE}`);
  }
});

void test('no committed schema file is left over from a removed registry entry', () => {
  const expected = new Set(renderSchemaFiles().map((file) => file.fileName));
  const stale = readdirSync(schemasDir).filter((entry) => !expected.has(entry));
  assert.deepEqual(stale, [], `stale files: ${stale.join(', ')}. ${REGENERATE}`);
});

void test('every schema exported by the package is registered', () => {
  const registered = new Set<unknown>(Object.values(CONTRACT_SCHEMAS));
  const missing = Object.entries(contracts)
    .filter(([, value]) => typeof value === 'object' && value !== null && Kind in value)
    .filter(([, value]) => !registered.has(value))
    .map(([name]) => name);
  assert.deepEqual(missing, []);
});

void test('every exported file is a valid draft-07 JSON Schema titled with its name', () => {
  // Checked against the meta-schema only; compiling all of them would take seconds and prove nothing more.
  const ajv = new Ajv({ strict: false });
  assert.equal(ajv.validateSchema({ type: 'nope' }), false, 'the meta-schema check itself works');
  for (const { fileName, value } of renderSchemaFiles()) {
    if (fileName === 'index.json') continue;
    assert.equal((value as { title?: unknown }).title, fileName.replace(/\.json$/, ''));
    assert.equal(ajv.validateSchema(value as object), true, `${fileName}: ${ajv.errorsText(ajv.errors)}`);
  }
});
