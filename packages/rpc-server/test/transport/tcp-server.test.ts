import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import {
  isLoopbackHost,
  methodTable,
  parseTcpAddress,
  serveTcp,
  type ConnectionHandle,
} from '../../src/transport/index.js';
import { LineCollector, request, withTimeout } from './support/harness.js';

function open(port: number): Promise<Socket> {
  return withTimeout(
    new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
      socket.once('error', reject);
    }),
    3000,
    'the TCP connection',
  );
}

void test('serves each loopback connection with the shared method table', { timeout: 5000 }, async () => {
  let calls = 0;
  const connections: ConnectionHandle[] = [];
  const server = await serveTcp({
    address: '127.0.0.1:0',
    methods: methodTable({ count: { handle: async () => (calls += 1) } }),
    onConnection: (connection) => connections.push(connection),
  });
  try {
    assert.equal(server.address.host, '127.0.0.1');
    assert.ok(server.address.port > 0);
    const [first, second] = await Promise.all([open(server.address.port), open(server.address.port)]);
    const firstOut = new LineCollector(first as Socket);
    const secondOut = new LineCollector(second as Socket);
    first?.write(`${JSON.stringify(request(1, 'count'))}\n`);
    assert.deepEqual(await firstOut.next(), { jsonrpc: '2.0', id: 1, result: 1 });
    second?.write(`${JSON.stringify(request(1, 'count'))}\n`);
    assert.deepEqual(await secondOut.next(), { jsonrpc: '2.0', id: 1, result: 2 });
    assert.equal(server.connectionCount, 2);

    // A half-close is EOF: the connection still flushes its answers, then ends.
    second?.end(`${JSON.stringify(request(2, 'count'))}\n`);
    await secondOut.end();
    assert.deepEqual(secondOut.messages.at(-1), { jsonrpc: '2.0', id: 2, result: 3 });
    await withTimeout(connections[1]?.closed ?? Promise.resolve(), 3000, 'the second connection');
    assert.equal(server.connectionCount, 1);
    await server.close();
    await firstOut.end();
    assert.equal(server.connectionCount, 0);
  } finally {
    await server.close();
  }
});

void test(
  'a non-loopback address is refused unless remote access is allowed',
  { timeout: 5000 },
  async () => {
    const methods = methodTable({});
    await assert.rejects(serveTcp({ address: '0.0.0.0:0', methods }), {
      name: 'TransportError',
      code: 'REMOTE_NOT_ALLOWED',
    });
    await assert.rejects(serveTcp({ address: 'example.com:7000', methods }), { code: 'REMOTE_NOT_ALLOWED' });
    await assert.rejects(serveTcp({ address: 'nonsense', methods }), { code: 'INVALID_ADDRESS' });
    const server = await serveTcp({ address: '0.0.0.0:0', allowRemote: true, methods });
    try {
      const socket = await open(server.address.port);
      socket.destroy();
    } finally {
      await server.close();
    }
  },
);

void test('addresses parse and loopback is recognized', { timeout: 5000 }, () => {
  assert.deepEqual(parseTcpAddress('127.0.0.1:7777'), { host: '127.0.0.1', port: 7777 });
  assert.deepEqual(parseTcpAddress('[::1]:0'), { host: '::1', port: 0 });
  assert.deepEqual(parseTcpAddress('localhost:80'), { host: 'localhost', port: 80 });
  for (const bad of ['127.0.0.1', ':80', '127.0.0.1:65536', '[nothost]:1', '::1:80', '']) {
    assert.throws(() => parseTcpAddress(bad), { code: 'INVALID_ADDRESS' }, bad);
  }
  for (const host of ['127.0.0.1', '127.8.9.10', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'LOCALHOST']) {
    assert.ok(isLoopbackHost(host), host);
  }
  for (const host of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'example.com', '::2']) {
    assert.ok(!isLoopbackHost(host), host);
  }
});
