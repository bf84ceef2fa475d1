import { test } from 'node:test';
import assert from 'node:assert/strict';
import { methodTable, RpcError, type RequestContext } from '../../src/transport/index.js';
import { deferred, request, startHarness } from './support/harness.js';

const cancelled = (id: number | string): object => ({
  jsonrpc: '2.0',
  id,
  error: { code: -32005, message: 'request cancelled before response publish' },
});

/** A method that waits until its request is aborted and reports the abort reason. */
function abortable(reasons: unknown[], started: () => void) {
  return methodTable({
    long: {
      handle: (_params: unknown, context: RequestContext) =>
        new Promise((_resolve, reject) => {
          context.signal.addEventListener('abort', () => {
            reasons.push(context.signal.reason);
            reject(context.signal.reason as Error);
          });
          started();
        }),
    },
    quick: { handle: async () => 'ok' },
  });
}

void test('cancel aborts the request, type-exactly, and it answers -32005', { timeout: 5000 }, async () => {
  const reasons: unknown[] = [];
  let started = deferred();
  const h = startHarness(abortable(reasons, () => started.resolve()));
  h.send(request(1, 'long'));
  await started.promise;
  // "1" is not 1, and an unknown id is ignored.
  h.send({ jsonrpc: '2.0', method: 'cancel', params: { request_id: '1' } });
  h.send({ jsonrpc: '2.0', method: 'cancel', params: { request_id: 99 } });
  h.send(request(2, 'quick'));
  assert.deepEqual(await h.out.next(), { jsonrpc: '2.0', id: 2, result: 'ok' });
  assert.equal(reasons.length, 0);
  h.send({ jsonrpc: '2.0', method: 'cancel', params: { request_id: 1 } });
  assert.deepEqual(await h.out.next(), cancelled(1));
  assert.equal(reasons.length, 1);
  assert.ok(reasons[0] instanceof RpcError);
  assert.equal(reasons[0].code, 'REQUEST_CANCELLED');

  started = deferred();
  h.send(request('s', 'long'));
  await started.promise;
  h.send({ jsonrpc: '2.0', method: 'cancel', params: { request_id: 's' } });
  assert.deepEqual(await h.out.next(), cancelled('s'));
  await h.finish();
  assert.equal(h.out.messages.length, 3, 'the handler rejecting after the cancel adds no second answer');
});

void test('cancel sent as a request is Method not found', { timeout: 5000 }, async () => {
  const reasons: unknown[] = [];
  const started = deferred();
  const h = startHarness(abortable(reasons, () => started.resolve()));
  h.send(request(1, 'long'));
  await started.promise;
  h.send(request(2, 'cancel', { request_id: 1 }));
  assert.deepEqual(await h.out.next(), {
    jsonrpc: '2.0',
    id: 2,
    error: { code: -32601, message: 'Method not found: cancel' },
  });
  assert.equal(reasons.length, 0);
  await h.finish();
  assert.deepEqual(h.out.messages.at(-1), cancelled(1));
});

void test('initialized is a no-op and unknown notifications are ignored', { timeout: 5000 }, async () => {
  let calls = 0;
  const h = startHarness(
    methodTable({
      known: {
        handle: async () => {
          calls += 1;
          return 'ran';
        },
      },
    }),
  );
  h.send({ jsonrpc: '2.0', method: 'initialized' });
  h.send({ jsonrpc: '2.0', method: 'something/else', params: { x: 1 } });
  h.send({ jsonrpc: '2.0', method: 'known' });
  h.send({ jsonrpc: '2.0', method: 'cancel' });
  h.send(request(1, 'known'));
  assert.deepEqual(await h.out.next(), { jsonrpc: '2.0', id: 1, result: 'ran' });
  assert.equal(calls, 1, 'a notification does not run a method');
  await h.finish();
  assert.equal(h.out.messages.length, 1);
});

void test('a server request made by a cancelled request is rejected too', { timeout: 5000 }, async () => {
  const outcome = deferred<unknown>();
  const h = startHarness(
    methodTable({
      tool: {
        handle: async (_params, context) => {
          try {
            return await context.callClient('tool/execute', { name: 't' });
          } catch (error) {
            outcome.resolve(error);
            throw error;
          }
        },
      },
    }),
  );
  h.send(request(5, 'tool'));
  assert.equal((await h.out.next()).method, 'tool/execute');
  h.send({ jsonrpc: '2.0', method: 'cancel', params: { request_id: 5 } });
  assert.deepEqual(await h.out.next(), cancelled(5));
  const error = (await outcome.promise) as { code?: unknown };
  assert.equal(error.code, 'ABORTED');
  await h.finish();
});
