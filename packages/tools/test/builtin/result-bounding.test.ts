import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BuiltinToolSource, type BuiltinTool } from '../../src/index.js';

void test('BuiltinToolSource bounds every result', { timeout: 30_000 }, async () => {
  const flood: BuiltinTool = {
    def: { name: 'flood', description: 'floods', input_schema: { type: 'object' } },
    execute: () => Promise.resolve({ content: 'z'.repeat(10_000), isError: false }),
  };
  const source = new BuiltinToolSource([flood], { maxResultBytes: 1000 });
  const outcome = await source.execute(
    { id: '1', name: 'flood', args: {} },
    { sessionId: 's', signal: new AbortController().signal },
  );
  assert.equal(typeof outcome.content, 'string');
  assert.ok(Buffer.byteLength(String(outcome.content)) <= 1000);
  assert.match(String(outcome.content), /\[truncated: \d+ of 10000 bytes omitted\]$/);
});
