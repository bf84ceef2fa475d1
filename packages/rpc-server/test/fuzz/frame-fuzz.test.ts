import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectationOf } from './frame-oracle.js';
import { DEFAULT_FUZZ_OPTIONS, runFuzz } from './fuzz-run.js';

const line = (text: string): Buffer => Buffer.from(text);

void test('the fuzz oracle classifies lines by the framing rules', { timeout: 5_000 }, () => {
  const max = 64;
  assert.deepEqual(expectationOf(line(' \t\r'), max), { kind: 'none' });
  assert.deepEqual(expectationOf(line('{"jsonrpc":"2.0","method":"x"}'), max), { kind: 'none' });
  assert.deepEqual(expectationOf(line('{"id":"s","result":1}'), max), { kind: 'none' });
  assert.deepEqual(expectationOf(line('{"jsonrpc":"2.0","id":1,"method":"x"}\r'), max), {
    kind: 'answer',
    id: 1,
  });
  assert.deepEqual(expectationOf(line('{"id":"a","method":"x"}'), max), { kind: 'answer', id: 'a' });
  assert.deepEqual(expectationOf(line('{"jsonrpc":"2.0","id":{},"method":"x"}'), max), {
    kind: 'answer',
    id: null,
  });
  assert.deepEqual(expectationOf(line('[{"jsonrpc":"2.0","id":1,"method":"x"}]'), max), {
    kind: 'answer',
    id: null,
  });
  assert.deepEqual(expectationOf(line('{"id":1,'), max), { kind: 'answer', id: null });
  assert.deepEqual(expectationOf(Buffer.from([0x7b, 0xff, 0x7d]), max), { kind: 'answer', id: null });
  assert.deepEqual(expectationOf(line(`{"id":7,"method":"x","p":"${'x'.repeat(max)}"}`), max), {
    kind: 'oversized',
    id: 7,
  });
});

void test(
  'R12 malformed-frame: fuzz, hostile frames of every served method get exactly one well-formed answer each',
  { timeout: 120_000 },
  async () => {
    const report = await runFuzz({ ...DEFAULT_FUZZ_OPTIONS, seed: 20_261_128, iterations: 8 });
    assert.deepEqual(report.findings, []);
    assert.equal(report.frames, 8 * DEFAULT_FUZZ_OPTIONS.framesPerBatch);
    // The generator reaches every class of answer, so the invariants were exercised, not skipped.
    for (const code of ['result', '-32700', '-32600', '-32601', '-32602']) {
      assert.ok((report.codes[code] ?? 0) > 0, `no ${code} answer in ${JSON.stringify(report.codes)}`);
    }
  },
);
