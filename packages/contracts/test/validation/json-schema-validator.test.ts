import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkContract,
  compileJsonSchema,
  formatIssues,
  InvalidJsonSchemaError,
  ToolDef,
} from '../../src/index.js';

void test('compileJsonSchema rejects an invalid schema with InvalidJsonSchemaError', () => {
  const invalid: unknown[] = [
    { type: 'nope' },
    { type: 'object', properties: { a: { minimum: 'ten' } } },
    { required: 'a' },
    [],
    'schema',
    null,
  ];
  for (const schema of invalid) {
    assert.throws(() => compileJsonSchema(schema), InvalidJsonSchemaError, JSON.stringify(schema));
  }
});

void test('a compiled schema validates and reports issues with JSON pointers', () => {
  const validator = compileJsonSchema<{ n: number }>({
    type: 'object',
    properties: { n: { type: 'integer' } },
    required: ['n'],
    additionalProperties: false,
  });
  assert.deepEqual(validator.validate({ n: 1 }), { ok: true, value: { n: 1 } });
  const missing = validator.validate({});
  assert.equal(missing.ok, false);
  if (!missing.ok) assert.equal(formatIssues(missing.issues), 'missing field `n`');
  const extra = validator.validate({ n: 'x', z: 1 });
  assert.equal(extra.ok, false);
  if (!extra.ok)
    assert.match(
      formatIssues(extra.issues),
      /unknown field `z`.*\/n: must be integer|\/n: must be integer.*unknown field `z`/,
    );
});

void test('checkContract validates against contract schemas and never throws on bad input', () => {
  assert.equal(checkContract(ToolDef, { name: 'read', description: 'd', input_schema: {} }).ok, true);
  for (const value of [undefined, null, 1, 'x', [], { name: '' }]) {
    assert.equal(checkContract(ToolDef, value).ok, false, String(value));
  }
});

void test('InvalidJsonSchemaError carries a stable code and is not retryable', () => {
  try {
    compileJsonSchema({ type: 7 });
    assert.fail('expected a throw');
  } catch (caught) {
    assert.ok(caught instanceof InvalidJsonSchemaError);
    assert.equal(caught.code, 'INVALID_JSON_SCHEMA');
    assert.equal(caught.retryable, false);
    assert.ok(caught.cause !== undefined, 'the ajv error is kept as the cause');
  }
});

void test('compileJsonSchema compiles a schema once per distinct JSON text', () => {
  const first = compileJsonSchema({ type: 'object', required: ['a'] });
  const again = compileJsonSchema({ type: 'object', required: ['a'] });
  const other = compileJsonSchema({ type: 'object', required: ['b'] });
  assert.equal(again, first);
  assert.notEqual(other, first);
  assert.equal(other.validate({ b: 1 }).ok, true);
  assert.equal(first.validate({ b: 1 }).ok, false);
});
