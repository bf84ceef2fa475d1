import { test } from 'node:test';
import assert from 'node:assert/strict';
import { methodTable, type CloseReason, type RequestContext } from '../../src/transport/index.js';
import { deferred, request, startHarness, withTimeout } from './support/harness.js';

void test(
  'EOF aborts in-flight work, flushes what was queued, ends the output',
  { timeout: 5000 },
  async () => {
    const aborted = deferred<unknown>();
    const started = deferred();
    const reasons: CloseReason[] = [];
    const h = startHarness(
      methodTable({
        // Never settles on its own and ignores the abort: closing must not wait for it.
        stuck: {
          handle: (_params: unknown, context: RequestContext) => {
            context.signal.addEventListener('abort', () => aborted.resolve(context.signal.reason));
            context.notify('session/event', { n: 1 });
            started.resolve();
            return new Promise(() => {});
          },
        },
        quick: { handle: async () => 'done' },
      }),
      { onClose: (reason) => reasons.push(reason) },
    );
    h.send(request(1, 'stuck'));
    await started.promise;
    h.send(request(2, 'quick'));
    await h.out.take(2);
    h.connection.notify('session/event', { n: 2 }, { kind: 'control' });
    await h.finish();
    await h.out.end();
    assert.deepEqual(h.out.messages, [
      { jsonrpc: '2.0', method: 'session/event', params: { n: 1 } },
      { jsonrpc: '2.0', id: 2, result: 'done' },
      { jsonrpc: '2.0', method: 'session/event', params: { n: 2 } },
      {
        jsonrpc: '2.0',
        id: 1,
        error: { code: -32005, message: 'request cancelled before response publish' },
      },
    ]);
    assert.equal(((await aborted.promise) as { code?: unknown }).code, 'REQUEST_CANCELLED');
    assert.ok(h.connection.signal.aborted);
    assert.deepEqual(reasons, ['input_ended']);
    assert.equal(h.connection.notify('session/event', {}), false, 'nothing is queued after close');
  },
);

void test('close() from the server side is idempotent and stops reading', { timeout: 5000 }, async () => {
  const reasons: CloseReason[] = [];
  const h = startHarness(methodTable({ quick: { handle: async () => 1 } }), {
    onClose: (reason) => reasons.push(reason),
  });
  h.send(request(1, 'quick'));
  await h.out.next();
  await withTimeout(Promise.all([h.connection.close(), h.connection.close()]), 3000, 'close');
  await h.out.end();
  assert.ok(h.input.destroyed);
  assert.deepEqual(reasons, ['closed_by_server']);
});

void test('an input error closes the connection', { timeout: 5000 }, async () => {
  const reasons: CloseReason[] = [];
  const h = startHarness(methodTable({}), { onClose: (reason) => reasons.push(reason) });
  h.input.destroy(new Error('pipe broke'));
  await withTimeout(h.connection.closed, 3000, 'close');
  assert.deepEqual(reasons, ['input_error']);
});

void test('bad limits fail at start-up with a typed error', { timeout: 5000 }, () => {
  assert.throws(() => startHarness(methodTable({}), { limits: { maxFrameBytes: 0 } }), {
    name: 'TransportError',
    code: 'INVALID_LIMIT',
  });
});

void test(
  'many long-lived listeners on the connection signal raise no leak warning (stderr stays quiet)',
  { timeout: 5000 },
  async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning);
    };
    process.on('warning', onWarning);
    try {
      const h = startHarness(methodTable({}));
      for (let index = 0; index < 50; index += 1) h.connection.signal.addEventListener('abort', () => {});
      await new Promise((resolve) => setImmediate(resolve));
      await h.finish();
      assert.deepEqual(
        warnings.map((warning) => warning.name),
        [],
      );
    } finally {
      process.off('warning', onWarning);
    }
  },
);
