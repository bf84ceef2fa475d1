import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, methodTable, RpcError, type RequestContext } from '../../src/transport/index.js';
import { deferred, request, startHarness } from './support/harness.js';

void test(
  'R18 pipelined-requests: requests run concurrently and are answered out of order',
  { timeout: 5000 },
  async () => {
    const gates = new Map([1, 2, 3].map((id) => [id, deferred<string>()]));
    const h = startHarness(
      methodTable({
        wait: {
          handle: (params) =>
            (gates.get((params as { gate: number }).gate) as { promise: Promise<string> }).promise,
        },
      }),
    );
    for (const gate of [1, 2, 3]) h.send(request(gate, 'wait', { gate }));
    gates.get(3)?.resolve('third');
    assert.deepEqual(await h.out.next(), { jsonrpc: '2.0', id: 3, result: 'third' });
    gates.get(1)?.resolve('first');
    assert.deepEqual(await h.out.next(), { jsonrpc: '2.0', id: 1, result: 'first' });
    gates.get(2)?.resolve('second');
    assert.deepEqual(await h.out.next(), { jsonrpc: '2.0', id: 2, result: 'second' });
    await h.finish();
  },
);

void test('unknown methods, typed and untyped failures, odd results', { timeout: 5000 }, async () => {
  const logs: string[] = [];
  const h = startHarness(
    methodTable({
      typed: {
        handle: () =>
          Promise.reject(new RpcError('SESSION_NOT_FOUND', 'session not found: s1', { data: { s: 1 } })),
      },
      boom: { handle: () => Promise.reject(new Error('secret sk-ant-123 at /home/me')) },
      sync: {
        handle: () => {
          throw new Error('thrown synchronously');
        },
      },
      nothing: { handle: async () => undefined },
      cyclic: {
        handle: async () => {
          const value: Record<string, unknown> = {};
          value.self = value;
          return value;
        },
      },
      mapped: { handle: () => Promise.reject(new TypeError('busy')) },
    }),
    {
      mapError: (error) =>
        error instanceof TypeError ? new RpcError('SESSION_BUSY', error.message) : undefined,
      logger: createLogger({
        env: { RKAT_LOG: 'debug' },
        sink: { write: (text: string) => logs.push(text) },
      }),
    },
  );
  h.send(request(1, 'nope/missing'));
  assert.deepEqual(await h.out.next(), {
    jsonrpc: '2.0',
    id: 1,
    error: { code: -32601, message: 'Method not found: nope/missing' },
  });
  h.send(request(2, 'constructor'));
  assert.deepEqual(await h.out.next(), {
    jsonrpc: '2.0',
    id: 2,
    error: { code: -32601, message: 'Method not found: constructor' },
  });
  h.send(request(3, 'typed'));
  assert.deepEqual(await h.out.next(), {
    jsonrpc: '2.0',
    id: 3,
    error: { code: -32001, message: 'session not found: s1', data: { s: 1 } },
  });
  for (const [id, method] of [
    [4, 'boom'],
    [5, 'sync'],
    [6, 'cyclic'],
  ] as const) {
    h.send(request(id, method));
    assert.deepEqual(await h.out.next(), {
      jsonrpc: '2.0',
      id,
      error: { code: -32603, message: 'Internal error' },
    });
  }
  h.send(request(7, 'nothing'));
  assert.deepEqual(await h.out.next(), { jsonrpc: '2.0', id: 7, result: null });
  h.send(request(8, 'mapped'));
  assert.deepEqual(await h.out.next(), { jsonrpc: '2.0', id: 8, error: { code: -32002, message: 'busy' } });
  await h.finish();
  assert.ok(logs.some((line) => line.includes('handler failed')));
  assert.ok(
    !logs.some((line) => line.includes('sk-ant-123')),
    'the failure text stays out of the log below trace',
  );
});

void test('missing params reach the handler as {}', { timeout: 5000 }, async () => {
  const h = startHarness(methodTable({ echo: { handle: async (params) => params } }));
  h.send({ jsonrpc: '2.0', id: 'a', method: 'echo' });
  assert.deepEqual(await h.out.next(), { jsonrpc: '2.0', id: 'a', result: {} });
  await h.finish();
});

void test('every notification of a request is written before its response', { timeout: 5000 }, async () => {
  const gates = [deferred(), deferred(), deferred()];
  const run = async (params: unknown, context: RequestContext): Promise<unknown> => {
    const index = (params as { index: number }).index;
    for (let seq = 0; seq < 3; seq += 1) {
      context.notify('session/event', { run: index, seq });
      // Interleave the runs: each waits on a gate released out of order below.
      if (seq === 1) await (gates[index] as { promise: Promise<void> }).promise;
    }
    return { run: index };
  };
  const h = startHarness(methodTable({ run: { handle: run } }));
  for (const index of [0, 1, 2]) h.send(request(index, 'run', { index }));
  for (const index of [2, 0, 1]) gates[index]?.resolve();
  const messages = await h.out.take(12);
  for (const index of [0, 1, 2]) {
    const response = messages.findIndex((message) => message.id === index);
    const events = messages
      .map((message, position) => ({ message, position }))
      .filter(({ message }) => (message.params as { run?: number } | undefined)?.run === index);
    assert.equal(events.length, 3);
    assert.ok(
      events.every(({ position }) => position < response),
      `run ${index}: events after response`,
    );
    assert.deepEqual(
      events.map(({ message }) => (message.params as { seq: number }).seq),
      [0, 1, 2],
    );
  }
  await h.finish();
});

void test('inline methods run in arrival order before later lines', { timeout: 5000 }, async () => {
  const order: string[] = [];
  const gate = deferred();
  const started = deferred();
  const h = startHarness(
    methodTable({
      'tools/register': {
        inline: true,
        handle: async (params) => {
          const name = (params as { name: string }).name;
          order.push(`register ${name} start`);
          started.resolve();
          if (name === 'a') await gate.promise;
          order.push(`register ${name} end`);
          return { registered: 1 };
        },
      },
      other: {
        handle: async () => {
          order.push('other');
          return true;
        },
      },
    }),
  );
  h.send(request(1, 'tools/register', { name: 'a' }));
  h.send(request(2, 'other'));
  h.send(request(3, 'tools/register', { name: 'b' }));
  await started.promise;
  for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, ['register a start']);
  gate.resolve();
  const ids = (await h.out.take(3)).map((message) => message.id);
  assert.deepEqual(ids, [1, 2, 3]);
  assert.deepEqual(order, [
    'register a start',
    'register a end',
    'other',
    'register b start',
    'register b end',
  ]);
  await h.finish();
});

void test(
  'R18 pipelined-requests: a duplicate in-flight id is rejected without disturbing the first',
  { timeout: 5000 },
  async () => {
    const gate = deferred<string>();
    let calls = 0;
    const h = startHarness(
      methodTable({
        slow: {
          handle: () => {
            calls += 1;
            return gate.promise;
          },
        },
      }),
    );
    h.send(request(7, 'slow'));
    h.send(request(7, 'slow'));
    h.send(request('7', 'slow'));
    assert.deepEqual(await h.out.next(), {
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: -32600,
        message: 'Invalid request: duplicate request id',
        data: { code: 'DUPLICATE_REQUEST_ID' },
      },
    });
    gate.resolve('done');
    const rest = await h.out.take(2);
    assert.deepEqual(
      rest.sort((a, b) => String(typeof a.id).localeCompare(String(typeof b.id))),
      [
        { jsonrpc: '2.0', id: 7, result: 'done' },
        { jsonrpc: '2.0', id: '7', result: 'done' },
      ],
    );
    assert.equal(calls, 2);
    h.send(request(7, 'slow'));
    assert.deepEqual(await h.out.next(), { jsonrpc: '2.0', id: 7, result: 'done' });
    await h.finish();
  },
);
