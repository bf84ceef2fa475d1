import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { methodTable, serveConnection } from '../../src/transport/index.js';
import { retainedArrayBufferBytes } from './support/gc.js';
import { LineCollector, request, startHarness, withTimeout } from './support/harness.js';

const echo = methodTable({ echo: { handle: async (params) => params } });

void test(
  'R12 malformed-frame: bad lines get their error and the next request is served',
  { timeout: 5000 },
  async () => {
    const h = startHarness(echo);
    h.send('{"jsonrpc":"2.0","id":1,"method":\n');
    h.send('\r\n   \n');
    h.send('{"id":2,"method":"echo"}\r\n');
    h.send('{"jsonrpc":"2.0","id":"x","method":"echo","params":[1]}\n');
    h.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]).toString('latin1'));
    h.send('{"jsonrpc":"2.0","id":3,"method":"echo","params":{"ok":true}}\r\n');
    const [parse, shape, params, , served] = await h.out.take(5);
    assert.equal(parse?.id, null);
    assert.equal((parse?.error as { code: number }).code, -32700);
    assert.match((parse?.error as { message: string }).message, /^Parse error: /);
    assert.deepEqual(shape, {
      jsonrpc: '2.0',
      id: 2,
      error: { code: -32600, message: 'Invalid request: `jsonrpc` must be "2.0"' },
    });
    assert.deepEqual(params, {
      jsonrpc: '2.0',
      id: 'x',
      error: { code: -32600, message: 'Invalid request: `params` must be an object' },
    });
    assert.deepEqual(served, { jsonrpc: '2.0', id: 3, result: { ok: true } });
    await h.finish();
  },
);

void test('R12 malformed-frame: invalid UTF-8 is a parse error', { timeout: 5000 }, async () => {
  const h = startHarness(echo);
  h.input.write(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a]));
  assert.deepEqual(await h.out.next(), {
    jsonrpc: '2.0',
    id: null,
    error: { code: -32700, message: 'Parse error: invalid UTF-8' },
  });
  await h.finish();
});

/** Waits until the connection has read everything pushed so far. */
async function consumed(input: Readable): Promise<void> {
  await withTimeout(
    (async () => {
      while (input.readableLength > 0) await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    })(),
    3000,
    'the input to be read',
  );
}

void test(
  'R16 oversized-frame: a 17 MiB line: FRAME_TOO_LARGE with its id, bounded memory, next request served',
  { timeout: 8000 },
  async () => {
    const input = new Readable({ read() {} });
    const output = new PassThrough();
    const out = new LineCollector(output);
    const connection = serveConnection({ input, output, methods: echo });
    const baseline = retainedArrayBufferBytes();
    input.push('{"jsonrpc":"2.0","id":"big-1","method":"echo","params":{"blob":"');
    const mebibyte = 1024 * 1024;
    for (let index = 0; index < 17; index += 1) {
      // A fresh buffer each time: a transport that kept them would hold 17 MiB.
      input.push(Buffer.alloc(mebibyte, 0x61));
      await consumed(input);
    }
    const growth = retainedArrayBufferBytes() - baseline;
    assert.ok(growth < 4 * mebibyte, `retained ${growth} bytes while discarding a 17 MiB line`);
    input.push('"}}\n');
    input.push('{"jsonrpc":"2.0","id":2,"method":"echo","params":{"after":true}}\n');
    const tooLarge = await out.next();
    assert.equal(tooLarge.id, 'big-1');
    const error = tooLarge.error as { code: number; message: string; data: Record<string, unknown> };
    assert.equal(error.code, -32600);
    assert.equal(error.data.code, 'FRAME_TOO_LARGE');
    assert.equal(error.data.max_frame_bytes, 16 * mebibyte);
    assert.ok((error.data.frame_bytes as number) > 17 * mebibyte);
    assert.deepEqual(await out.next(), { jsonrpc: '2.0', id: 2, result: { after: true } });
    input.push(null);
    await withTimeout(connection.closed, 3000, 'close');
  },
);

void test(
  'R16 oversized-frame: a line that never ends, then EOF: one error, then the connection closes',
  { timeout: 5000 },
  async () => {
    const h = startHarness(echo, { limits: { maxFrameBytes: 1024 } });
    h.send(request(1, 'echo', { a: 1 }));
    h.send('{"jsonrpc":"2.0","method":"echo","params":{"x":"');
    for (let index = 0; index < 64; index += 1) h.input.write(Buffer.alloc(16 * 1024, 0x62));
    h.send('"},"id":9');
    await h.finish();
    await h.out.end();
    const [first, second, ...rest] = h.out.messages;
    assert.deepEqual(first, { jsonrpc: '2.0', id: 1, result: { a: 1 } });
    assert.equal(second?.id, null, 'the id sits beyond the readable prefix');
    assert.equal((second?.error as { data: { code: string } }).data.code, 'FRAME_TOO_LARGE');
    assert.deepEqual(rest, []);
  },
);
