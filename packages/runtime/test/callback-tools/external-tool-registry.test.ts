import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ExternalToolRegistry,
  InvalidToolDefinitionError,
  RuntimeError,
  parseToolDefs,
  rpcErrorCodeOf,
  type ExternalToolChange,
} from '../../src/index.js';
import { toolDef } from './support.js';

void test('register returns the count and lists in registration order', () => {
  const registry = new ExternalToolRegistry();
  assert.equal(registry.revision, 0);
  assert.deepEqual(registry.register([toolDef('a'), toolDef('b')]), { registered: 2 });
  assert.deepEqual(
    registry.list().map((tool) => tool.name),
    ['a', 'b'],
  );
  assert.equal(registry.revision, 1);
  assert.deepEqual(registry.get('b'), toolDef('b'));
});

void test('a repeated name replaces the definition in place', () => {
  const registry = new ExternalToolRegistry();
  registry.register([toolDef('a'), toolDef('b')]);
  assert.deepEqual(registry.register([toolDef('a', 'new a'), toolDef('c')]), { registered: 2 });
  assert.deepEqual(
    registry.list().map((tool) => [tool.name, tool.description]),
    [
      ['a', 'new a'],
      ['b', 'tool b'],
      ['c', 'tool c'],
    ],
  );
  assert.equal(registry.revision, 2);
  assert.deepEqual(registry.changesSince(1), { fromRevision: 1, revision: 2, added: ['c'], replaced: ['a'] });
  assert.deepEqual(registry.changesSince(0), {
    fromRevision: 0,
    revision: 2,
    added: ['a', 'b', 'c'],
    replaced: [],
  });
  assert.equal(registry.changesSince(2), undefined);
});

void test('listeners hear each change; an empty registration changes nothing', () => {
  const registry = new ExternalToolRegistry();
  const heard: ExternalToolChange[] = [];
  registry.onChange(() => {
    throw new Error('a broken listener');
  });
  const unsubscribe = registry.onChange((change) => heard.push(change));
  registry.register([toolDef('a')]);
  assert.deepEqual(registry.register([]), { registered: 0 });
  assert.equal(registry.revision, 1);
  registry.register([toolDef('a', 'again')]);
  unsubscribe();
  registry.register([toolDef('b')]);
  assert.deepEqual(heard, [
    { fromRevision: 0, revision: 1, added: ['a'], replaced: [] },
    { fromRevision: 1, revision: 2, added: [], replaced: ['a'] },
  ]);
  assert.equal(registry.list().length, 2);
});

void test('stored definitions are copies the caller cannot change', () => {
  const registry = new ExternalToolRegistry();
  const mine = toolDef('a');
  registry.register([mine]);
  mine.description = 'changed';
  assert.equal(registry.get('a')?.description, 'tool a');
});

const badDefinitions: [string, unknown, RegExp][] = [
  ['missing description', { name: 'nodesc', input_schema: {} }, /tools\[1\] \('nodesc'\).*description/],
  ['schema not an object', { name: 'arr', description: '', input_schema: [] }, /\('arr'\).*input_schema/],
  [
    'invalid JSON Schema',
    { name: 'bad', description: '', input_schema: { type: 'no-such-type' } },
    /\('bad'\): input_schema is not valid JSON Schema/,
  ],
  ['empty name', { name: '', description: '', input_schema: {} }, /tools\[1\]: .*name/],
  ['not an object', 'tool', /tools\[1\]: /],
];

for (const [label, bad, message] of badDefinitions) {
  void test(`a bad ToolDef (${label}) is an invalid-params error and registers nothing`, () => {
    const registry = new ExternalToolRegistry();
    assert.throws(
      () => registry.register([toolDef('good'), bad]),
      (error: unknown) => {
        assert.ok(error instanceof InvalidToolDefinitionError);
        assert.ok(RuntimeError.is(error, 'INVALID_PARAMS'));
        assert.equal(rpcErrorCodeOf(error), 'INVALID_PARAMS');
        assert.equal(error.index, 1);
        assert.match(error.message, message);
        return true;
      },
    );
    assert.equal(registry.revision, 0);
    assert.deepEqual(registry.list(), []);
  });
}

void test('parseToolDefs names the list it checks and rejects a non-array', () => {
  assert.throws(
    () => parseToolDefs([{ name: 'x' }], 'external_tools'),
    /Invalid tool definition external_tools\[0\] \('x'\)/,
  );
  assert.throws(() => parseToolDefs({}, 'external_tools'), /Invalid external_tools: expected an array/);
  assert.deepEqual(parseToolDefs([toolDef('x')]), [toolDef('x')]);
});
