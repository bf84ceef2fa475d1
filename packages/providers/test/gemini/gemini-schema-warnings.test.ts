import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiSchemaWarnings } from '../../src/gemini/gemini-schema-warnings.js';

void test('unsupported keywords are reported with paths; property names are not keywords', () => {
  const warnings = geminiSchemaWarnings({
    type: 'object',
    additionalProperties: false,
    properties: {
      pattern: { type: 'string', pattern: '^a', minLength: 1 },
      list: { type: 'array', items: { type: 'integer', multipleOf: 2 }, uniqueItems: true },
    },
    anyOf: [{ type: 'object', not: {} }],
    $defs: { thing: { type: 'string', maxLength: 3 } },
    required: ['pattern'],
  });
  assert.deepEqual(
    warnings.map((warning) => warning.path),
    [
      '/properties/pattern/pattern',
      '/properties/pattern/minLength',
      '/properties/list/uniqueItems',
      '/properties/list/items/multipleOf',
      '/anyOf/0/not',
      '/$defs/thing/maxLength',
    ],
  );
  assert.deepEqual(warnings[0], {
    provider: 'gemini',
    path: '/properties/pattern/pattern',
    message: "Keyword 'pattern' may be ignored by Gemini responseJsonSchema",
  });
  assert.deepEqual(
    geminiSchemaWarnings({ type: 'object', properties: { a: { type: 'string', enum: ['x'] } } }),
    [],
  );
});
