import { test } from 'node:test';
import assert from 'node:assert/strict';
import { McpConnection, McpServerError } from '../../src/index.js';
import { PIXEL_PNG_BASE64 } from './fixtures/fixture-tools.js';
import { startHttpFixture } from './fixtures/http-server.js';

const REQUEST = { timeoutMs: 5000 };

async function connectError(promise: Promise<McpConnection>): Promise<McpServerError> {
  try {
    const connection = await promise;
    await connection.close();
  } catch (error) {
    assert.ok(error instanceof McpServerError, String(error));
    return error;
  }
  assert.fail('expected connect to fail');
}

void test(
  'streamable HTTP: lists and calls tools and sends the configured headers',
  { timeout: 30_000 },
  async () => {
    const fixture = await startHttpFixture({ requiredHeader: { name: 'X-Api-Key', value: 'key-123456' } });
    const connection = await McpConnection.connect({
      name: 'web',
      url: fixture.url,
      headers: { 'X-Api-Key': 'key-123456' },
    });
    try {
      assert.equal((await connection.listTools(REQUEST)).length, 6);
      assert.deepEqual(await connection.callTool('echo', { text: 'over http' }, REQUEST), {
        content: 'over http',
        isError: false,
      });
      assert.deepEqual(await connection.callTool('image', {}, REQUEST), {
        content: [
          { type: 'text', text: 'a pixel' },
          { type: 'image', media_type: 'image/png', source: 'inline', data: PIXEL_PNG_BASE64 },
        ],
        isError: false,
      });
      assert.deepEqual(await connection.callTool('fail', {}, REQUEST), {
        content: 'it failed',
        isError: true,
      });
      assert.ok(fixture.seenHeaders.every((headers) => headers['x-api-key'] === 'key-123456'));
    } finally {
      await connection.close();
      await fixture.close();
    }
  },
);

void test(
  'streamable HTTP: a server dropping the exchange mid-call fails the connection',
  { timeout: 30_000 },
  async () => {
    const fixture = await startHttpFixture();
    const connection = await McpConnection.connect({ name: 'web', url: fixture.url });
    try {
      await assert.rejects(connection.callTool('crash', {}, REQUEST), (error: unknown) => {
        assert.ok(error instanceof McpServerError);
        assert.equal(error.kind, 'transport_error');
        assert.match(error.message, /^MCP server 'web' transport failed during tools\/call 'crash'/);
        return true;
      });
      assert.equal(connection.isUsable, false);
    } finally {
      await connection.close();
      await fixture.close();
    }
  },
);

void test('HTTP auth failures mask header values', { timeout: 30_000 }, async () => {
  // The fixture's 401 body echoes the header it got, like a careless server would.
  const fixture = await startHttpFixture({
    requiredHeader: { name: 'Authorization', value: 'Bearer right' },
  });
  try {
    const error = await connectError(
      McpConnection.connect({
        name: 'locked',
        url: fixture.url,
        headers: { Authorization: 'Bearer hdr-canary-77' },
      }),
    );
    assert.equal(error.kind, 'connect_failed');
    assert.match(error.message, /^MCP server 'locked' failed to start: .*unauthorized: got \*\*\*/);
    assert.ok(!error.message.includes('hdr-canary-77'), error.message);
  } finally {
    await fixture.close();
  }
});

void test(
  'URL credentials become a Basic header and never appear in messages',
  { timeout: 30_000 },
  async () => {
    const basic = `Basic ${Buffer.from('alice:pw-canary-55').toString('base64')}`;
    const fixture = await startHttpFixture({ requiredHeader: { name: 'Authorization', value: basic } });
    const withCredentials = (url: string) => url.replace('http://', 'http://alice:pw-canary-55@');
    try {
      const connection = await McpConnection.connect({
        name: 'basic',
        url: withCredentials(fixture.url) + '?t=q-canary-66',
      });
      try {
        assert.deepEqual(await connection.callTool('echo', { text: 'in' }, REQUEST), {
          content: 'in',
          isError: false,
        });
      } finally {
        await connection.close();
      }
    } finally {
      await fixture.close();
    }
    // Now the server is gone: the failure message must not carry the URL's secrets.
    const error = await connectError(
      McpConnection.connect(
        { name: 'basic', url: withCredentials(fixture.url) + '?t=q-canary-66' },
        { timeoutMs: 2000 },
      ),
    );
    assert.match(error.message, /^MCP server 'basic' failed to start: /);
    for (const secret of [
      'pw-canary-55',
      'q-canary-66',
      'alice',
      Buffer.from('alice:pw-canary-55').toString('base64'),
    ]) {
      assert.ok(!error.message.includes(secret), `${secret} leaked: ${error.message}`);
    }
  },
);

void test(
  'an unreachable or hanging HTTP server fails within the connect budget',
  { timeout: 30_000 },
  async () => {
    const fixture = await startHttpFixture();
    const deadUrl = fixture.url;
    await fixture.close();
    const refused = await connectError(
      McpConnection.connect({ name: 'gone', url: deadUrl }, { timeoutMs: 2000 }),
    );
    assert.equal(refused.kind, 'connect_failed');
    assert.match(refused.message, /^MCP server 'gone' failed to start: /);

    const hanging = await startHttpFixture({ hangOnList: true });
    const connection = await McpConnection.connect({ name: 'slowweb', url: hanging.url });
    try {
      await assert.rejects(connection.listTools({ timeoutMs: 300 }), {
        name: 'McpServerError',
        kind: 'list_timeout',
        message: "MCP server 'slowweb' did not answer tools/list within 300ms",
      });
    } finally {
      await connection.close();
      await hanging.close();
    }
  },
);

void test(
  'legacy SSE transport: lists and calls tools; a dropped stream fails the connection',
  { timeout: 30_000 },
  async () => {
    const fixture = await startHttpFixture({ requiredHeader: { name: 'X-Api-Key', value: 'sse-key-1' } });
    const connection = await McpConnection.connect({
      name: 'legacy',
      url: fixture.sseUrl,
      transport: 'sse',
      headers: { 'X-Api-Key': 'sse-key-1' },
    });
    try {
      assert.equal((await connection.listTools(REQUEST)).length, 6);
      assert.deepEqual(await connection.callTool('echo', { text: 'over sse' }, REQUEST), {
        content: 'over sse',
        isError: false,
      });
      // The crash tool drops the event stream; the pending call must fail now, not at its timeout.
      const started = Date.now();
      await assert.rejects(connection.callTool('crash', {}, { timeoutMs: 20_000 }), (error: unknown) => {
        assert.ok(error instanceof McpServerError);
        assert.equal(error.kind, 'connection_closed');
        assert.match(error.message, /^MCP server 'legacy' /);
        return true;
      });
      assert.ok(Date.now() - started < 10_000);
      assert.equal(connection.isUsable, false);
    } finally {
      await connection.close();
      await fixture.close();
    }
  },
);
