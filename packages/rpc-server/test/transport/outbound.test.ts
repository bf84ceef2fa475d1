import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import {
  methodTable,
  serveConnection,
  type CloseReason,
  type DroppedEvents,
  type RequestContext,
} from '../../src/transport/index.js';
import { LineCollector, request, withTimeout } from './support/harness.js';

const padding = 'x'.repeat(200);

/** `flood` emits `count` events on two streams and one `control` notification, then answers. */
const floodMethods = (counter: { quick: number }) =>
  methodTable({
    flood: {
      handle: async (params: unknown, context: RequestContext) => {
        const { count } = params as { count: number };
        let queued = 0;
        for (let seq = 0; seq < count; seq += 1) {
          const session = seq % 2 === 0 ? 's-even' : 's-odd';
          if (context.notify('session/event', { session, seq, padding }, { streamKey: session })) queued += 1;
        }
        context.notify('session/stream_end', { padding }, { kind: 'control' });
        return { queued };
      },
    },
    quick: {
      handle: async () => {
        counter.quick += 1;
        return 'ok';
      },
    },
  });

void test(
  'R17 slow-reader: a paused reader: events are dropped past the bound, responses are kept, drops are reported',
  { timeout: 5000 },
  async () => {
    const input = new PassThrough();
    const output = new PassThrough({ highWaterMark: 1024 });
    const reports: { count: number; dropped: readonly DroppedEvents[] }[] = [];
    const counter = { quick: 0 };
    const connection = serveConnection({
      input,
      output,
      methods: floodMethods(counter),
      limits: { maxQueuedNotifications: 4 },
      onDropped: (count, dropped, port) => {
        reports.push({ count, dropped });
        port.notify('session/event', { type: 'stream_truncated', dropped: count }, { kind: 'control' });
      },
    });
    input.write(`${JSON.stringify(request(1, 'flood', { count: 200 }))}\n`);
    for (let id = 2; id < 12; id += 1) input.write(`${JSON.stringify(request(id, 'quick'))}\n`);
    // Nothing reads the output yet: wait until every handler has run and answered into the queue.
    await withTimeout(
      (async () => {
        while (counter.quick < 10 || input.readableLength > 0)
          await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
      })(),
      3000,
      'every request to be handled',
    );
    assert.equal(
      connection.notify('session/event', { late: true }, { streamKey: 'late' }),
      false,
      'the queue is full',
    );
    assert.equal(reports.length, 0, 'no report while the reader is stalled');

    const out = new LineCollector(output);
    await out.waitFor(
      () => reports.length > 0 && out.messages.some((message) => message.id === 11),
      3000,
      'the drain',
    );
    input.end();
    await withTimeout(connection.closed, 3000, 'close');
    await out.end();

    const delivered = out.messages.filter(
      (message) => (message.params as { seq?: number } | undefined)?.seq !== undefined,
    );
    const flooded = out.messages.find((message) => message.id === 1);
    assert.equal((flooded?.result as { queued: number }).queued, delivered.length);
    assert.ok(delivered.length < 200);
    assert.equal(reports.length, 1);
    const [report] = reports;
    assert.equal(report?.count, 200 - delivered.length + 1, 'every dropped event is counted');
    const byKey = Object.fromEntries(report?.dropped.map((group) => [group.streamKey, group.count]) ?? []);
    assert.equal((byKey['s-even'] ?? 0) + (byKey['s-odd'] ?? 0), 200 - delivered.length);
    assert.equal(byKey.late, 1);
    assert.ok(report?.dropped.every((group) => group.method === 'session/event'));
    const markers = out.messages.filter(
      (message) => (message.params as { type?: string } | undefined)?.type === 'stream_truncated',
    );
    assert.deepEqual(markers, [
      {
        jsonrpc: '2.0',
        method: 'session/event',
        params: { type: 'stream_truncated', dropped: report?.count },
      },
    ]);
    assert.equal(out.messages.filter((message) => message.method === 'session/stream_end').length, 1);
    assert.deepEqual(
      out.messages.filter((message) => 'id' in message).map((message) => message.id),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      'every response is delivered, in order',
    );
  },
);

void test(
  'R17 slow-reader: a reader that stays blocked past the write timeout closes the connection',
  { timeout: 5000 },
  async () => {
    const input = new PassThrough();
    const output = new PassThrough({ highWaterMark: 256 });
    const reasons: CloseReason[] = [];
    const connection = serveConnection({
      input,
      output,
      methods: floodMethods({ quick: 0 }),
      limits: { writeTimeoutMs: 50 },
      onClose: (reason) => reasons.push(reason),
    });
    input.write(`${JSON.stringify(request(1, 'flood', { count: 50 }))}\n`);
    await withTimeout(connection.closed, 3000, 'the write timeout to close the connection');
    assert.deepEqual(reasons, ['write_timeout']);
    assert.ok(output.destroyed);
    assert.ok(connection.signal.aborted);
  },
);
