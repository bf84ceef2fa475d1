import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientCallError, methodTable, type RequestContext } from '../../src/transport/index.js';
import { deferred, request, startHarness, withTimeout } from './support/harness.js';

/** A method that makes one server→client request and reports what it got as its result. */
const caller = methodTable({
  call: {
    handle: async (params: unknown, context: RequestContext) => {
      const { timeoutMs } = params as { timeoutMs?: number };
      try {
        return { ok: await context.callClient('tool/execute', { name: 'lookup' }, { timeoutMs }) };
      } catch (error) {
        assert.ok(error instanceof ClientCallError);
        return { failed: error.code, rpcError: error.rpcError ?? null };
      }
    },
  },
});

void test('server requests count srv-<n> from 0 and resolve with the answer', { timeout: 5000 }, async () => {
  const h = startHarness(caller);
  h.send(request(1, 'call'));
  h.send(request(2, 'call'));
  const [first, second] = await h.out.take(2);
  assert.deepEqual(first, {
    jsonrpc: '2.0',
    id: 'srv-0',
    method: 'tool/execute',
    params: { name: 'lookup' },
  });
  assert.equal(second?.id, 'srv-1');
  // Unknown ids and numeric lookalikes are ignored; answers may come in any order.
  h.send({ jsonrpc: '2.0', id: 'srv-77', result: 'stray' });
  h.send({ jsonrpc: '2.0', id: 0, result: 'stray' });
  h.send({ id: 'srv-1', result: { content: 'two', is_error: false } });
  assert.deepEqual(await h.out.next(), {
    jsonrpc: '2.0',
    id: 2,
    result: { ok: { content: 'two', is_error: false } },
  });
  h.send({ jsonrpc: '2.0', id: 'srv-0', result: null });
  assert.deepEqual(await h.out.next(), { jsonrpc: '2.0', id: 1, result: { ok: null } });
  await h.finish();
});

void test('a JSON-RPC error or a missing result rejects with a typed error', { timeout: 5000 }, async () => {
  const h = startHarness(caller);
  h.send(request(1, 'call'));
  await h.out.next();
  h.send({ jsonrpc: '2.0', id: 'srv-0', error: { code: -32000, message: 'tool crashed' } });
  assert.deepEqual(await h.out.next(), {
    jsonrpc: '2.0',
    id: 1,
    result: { failed: 'CLIENT_ERROR', rpcError: { code: -32000, message: 'tool crashed' } },
  });
  h.send(request(2, 'call'));
  await h.out.next();
  h.send({ jsonrpc: '2.0', id: 'srv-1', error: 'bad' });
  assert.deepEqual(await h.out.next(), {
    jsonrpc: '2.0',
    id: 2,
    result: { failed: 'INVALID_RESPONSE', rpcError: null },
  });
  await h.finish();
});

void test(
  'no answer within the timeout rejects with TIMEOUT; a late answer is ignored',
  { timeout: 5000 },
  async () => {
    const h = startHarness(caller);
    h.send(request(1, 'call', { timeoutMs: 20 }));
    await h.out.next();
    assert.deepEqual(await h.out.next(), {
      jsonrpc: '2.0',
      id: 1,
      result: { failed: 'TIMEOUT', rpcError: null },
    });
    h.send({ jsonrpc: '2.0', id: 'srv-0', result: 'late' });
    h.send(request(2, 'call', { timeoutMs: 20 }));
    assert.equal((await h.out.next()).id, 'srv-1');
    await h.finish();
  },
);

void test('the default timeout comes from the limits', { timeout: 5000 }, async () => {
  const h = startHarness(caller, { limits: { clientCallTimeoutMs: 20 } });
  h.send(request(1, 'call'));
  await h.out.next();
  assert.deepEqual(await h.out.next(), {
    jsonrpc: '2.0',
    id: 1,
    result: { failed: 'TIMEOUT', rpcError: null },
  });
  await h.finish();
});

void test('closing rejects pending server requests and later calls at once', { timeout: 5000 }, async () => {
  const h = startHarness(methodTable({}));
  const pending = h.connection.callClient('tool/execute', {});
  assert.equal((await h.out.next()).id, 'srv-0');
  const rejected = deferred<unknown>();
  pending.then(() => rejected.resolve('resolved'), rejected.resolve);
  await h.finish();
  const error = await withTimeout(rejected.promise, 1000, 'the pending call');
  assert.ok(error instanceof ClientCallError);
  assert.equal(error.code, 'CONNECTION_CLOSED');
  await assert.rejects(h.connection.callClient('tool/execute', {}), { code: 'CONNECTION_CLOSED' });
});
