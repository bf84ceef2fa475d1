import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameSplitter, type Frame } from '../../src/transport/index.js';

const text = (frames: Frame[]): string[] =>
  frames.map((frame) =>
    frame.kind === 'line' ? frame.bytes.toString('utf8') : `<oversized ${frame.bytes}>`,
  );

void test('splits lines, tolerates CRLF and skips blank lines', { timeout: 5000 }, () => {
  const splitter = new FrameSplitter({ maxFrameBytes: 100 });
  assert.deepEqual(text(splitter.push(Buffer.from('{"a":1}\r\n\n  \r\n{"b"'))), ['{"a":1}']);
  assert.deepEqual(text(splitter.push(Buffer.from(':2}\n{"c":3}\n'))), ['{"b":2}', '{"c":3}']);
  assert.deepEqual(text(splitter.end()), []);
});

void test('a multi-byte character split across chunks survives', { timeout: 5000 }, () => {
  const splitter = new FrameSplitter({ maxFrameBytes: 100 });
  const bytes = Buffer.from('"é€"\n');
  assert.deepEqual(text(splitter.push(bytes.subarray(0, 2))), []);
  assert.deepEqual(text(splitter.push(bytes.subarray(2))), ['"é€"']);
});

void test('an unterminated last line is a frame at the end of the stream', { timeout: 5000 }, () => {
  const splitter = new FrameSplitter({ maxFrameBytes: 100 });
  assert.deepEqual(text(splitter.push(Buffer.from('{"a":1}\n{"b":2}'))), ['{"a":1}']);
  assert.deepEqual(text(splitter.end()), ['{"b":2}']);
});

void test('the limit counts the line without its terminator', { timeout: 5000 }, () => {
  const splitter = new FrameSplitter({ maxFrameBytes: 4 });
  assert.deepEqual(text(splitter.push(Buffer.from('abcd\r\nabcd\nabcde\r\nx\n'))), [
    'abcd',
    'abcd',
    '<oversized 5>',
    'x',
  ]);
});

void test('an oversized line keeps only a copied prefix and the stream goes on', { timeout: 5000 }, () => {
  const splitter = new FrameSplitter({ maxFrameBytes: 10, prefixBytes: 6 });
  const frames: Frame[] = [];
  for (const piece of ['{"id":7,', '"x":"aaaa', 'aaaaaaaaaa', 'aaa"}\n{"ok":1}\n']) {
    frames.push(...splitter.push(Buffer.from(piece)));
    assert.ok(splitter.bufferedBytes <= 11, `buffered ${splitter.bufferedBytes} bytes`);
  }
  const [oversized, next] = frames;
  assert.equal(oversized?.kind, 'oversized');
  assert.equal(oversized.kind === 'oversized' && oversized.bytes, 32);
  assert.equal(oversized.kind === 'oversized' && oversized.prefix.toString(), '{"id":');
  assert.deepEqual(next?.kind === 'line' && next.bytes.toString(), '{"ok":1}');
});

void test(
  'a line that never ends holds no more than the prefix once past the limit',
  { timeout: 5000 },
  () => {
    const splitter = new FrameSplitter({ maxFrameBytes: 1024 });
    let peak = 0;
    for (let index = 0; index < 256; index += 1) {
      assert.deepEqual(splitter.push(Buffer.alloc(4096, 0x61)), []);
      peak = Math.max(peak, splitter.bufferedBytes);
    }
    assert.ok(peak <= 1024, `peak ${peak} bytes`);
    const [frame] = splitter.end();
    assert.equal(frame?.kind, 'oversized');
    assert.equal(frame.kind === 'oversized' && frame.bytes, 256 * 4096);
  },
);
