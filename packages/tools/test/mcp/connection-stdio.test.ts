import { test } from 'node:test';
import assert from 'node:assert/strict';
import { McpConnection, McpServerError } from '../../src/index.js';
import { PIXEL_PNG_BASE64 } from './fixtures/fixture-tools.js';
import { isProcessAlive, pidFile, stdioFixture } from './helpers.js';

const REQUEST = { timeoutMs: 5000 };

async function rejectsWith(
  promise: Promise<unknown>,
  kind: string,
  pattern: RegExp,
): Promise<McpServerError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof McpServerError, `expected McpServerError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail('expected a rejection');
}

void test(
  'lists tools and maps text, image and isError results over stdio',
  { timeout: 30_000 },
  async () => {
    const connection = await McpConnection.connect(stdioFixture('local'));
    try {
      const tools = await connection.listTools(REQUEST);
      assert.deepEqual(
        tools.map((tool) => tool.name),
        ['echo', 'image', 'fail', 'slow', 'hang', 'crash'],
      );
      assert.deepEqual(tools[0], {
        name: 'echo',
        description: 'Echo text back',
        input_schema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
      });
      assert.deepEqual(await connection.callTool('echo', { text: 'hi' }, REQUEST), {
        content: 'hi',
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
    } finally {
      await connection.close();
    }
    assert.ok(connection.pid !== undefined && !isProcessAlive(connection.pid), 'child reaped after close');
  },
);

void test('a call that hangs times out, and the server keeps serving', { timeout: 30_000 }, async () => {
  const connection = await McpConnection.connect(stdioFixture('local'));
  try {
    await rejectsWith(
      connection.callTool('hang', {}, { timeoutMs: 300 }),
      'call_timeout',
      /^MCP server 'local' did not answer tools\/call 'hang' within 300ms$/,
    );
    assert.equal(connection.isUsable, true);
    assert.deepEqual(await connection.callTool('echo', { text: 'still here' }, REQUEST), {
      content: 'still here',
      isError: false,
    });
  } finally {
    await connection.close();
  }
});

void test("the caller's abort signal cancels a call", { timeout: 30_000 }, async () => {
  const connection = await McpConnection.connect(stdioFixture('local'));
  try {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await rejectsWith(
      connection.callTool('hang', {}, { timeoutMs: 10_000, signal: controller.signal }),
      'cancelled',
      /'local': tools\/call 'hang' was cancelled/,
    );
    assert.equal(connection.isUsable, true);
  } finally {
    await connection.close();
  }
});

void test(
  'a crash mid-call is a typed error; the connection is failed and the child gone',
  { timeout: 30_000 },
  async () => {
    const connection = await McpConnection.connect(stdioFixture('crashy'));
    const failures: McpServerError[] = [];
    connection.onFailure((error) => failures.push(error));
    try {
      await rejectsWith(
        connection.callTool('crash', {}, REQUEST),
        'connection_closed',
        /^MCP server 'crashy' closed its connection during tools\/call 'crash'/,
      );
      assert.equal(connection.isUsable, false);
      assert.equal(failures.length, 1);
      await rejectsWith(
        connection.callTool('echo', { text: 'x' }, REQUEST),
        'unavailable',
        /'crashy' closed its connection/,
      );
      assert.ok(
        connection.pid !== undefined && !isProcessAlive(connection.pid),
        'crashed child already reaped',
      );
    } finally {
      await connection.close();
    }
  },
);

void test(
  'a server that exits at startup fails connect with its name and stderr',
  { timeout: 30_000 },
  async () => {
    await rejectsWith(
      McpConnection.connect(stdioFixture('dead', 'exit-at-startup')),
      'connect_failed',
      /^MCP server 'dead' exited during startup \(stderr: fixture: refusing to start\)$/,
    );
    await rejectsWith(
      McpConnection.connect({ name: 'missing', command: '/nonexistent/mcp-server' }),
      'connect_failed',
      /^MCP server 'missing' failed to start: spawn \/nonexistent\/mcp-server ENOENT$/,
    );
  },
);

void test(
  'a server that hangs on tools/list times out and close() reaps it',
  { timeout: 30_000 },
  async () => {
    const connection = await McpConnection.connect(stdioFixture('stuck', 'hang-on-list'));
    const pid = connection.pid;
    assert.ok(pid !== undefined && isProcessAlive(pid));
    await rejectsWith(
      connection.listTools({ timeoutMs: 300 }),
      'list_timeout',
      /^MCP server 'stuck' did not answer tools\/list within 300ms$/,
    );
    // The fixture ignores stdin EOF here, so close() has to escalate to signals.
    await connection.close();
    assert.equal(isProcessAlive(pid), false);
  },
);

void test(
  'env secrets never reach the error message, even when the server prints them',
  { timeout: 30_000 },
  async () => {
    const secret = 'canary-secret-7f3a9';
    const error = await rejectsWith(
      McpConnection.connect(
        stdioFixture('leaky', 'leak-secret-and-exit', '', { env: { FIXTURE_SECRET: secret } }),
      ),
      'connect_failed',
      /'leaky' exited during startup \(stderr: fixture: token=\*\*\*\)/,
    );
    assert.ok(!error.message.includes(secret));
    assert.ok(!String(error.stack).includes(secret));
  },
);

void test(
  'a connect that exceeds its budget is a connect timeout and leaves no child',
  { timeout: 30_000 },
  async () => {
    const pids = pidFile();
    await rejectsWith(
      McpConnection.connect(stdioFixture('silent', 'silent', '', { env: { FIXTURE_PID_FILE: pids.path } }), {
        timeoutMs: 500,
      }),
      'connect_timeout',
      /^MCP server 'silent' did not connect within 500ms$/,
    );
    const [pid] = pids.pids();
    assert.ok(pid !== undefined, 'the fixture started');
    assert.equal(isProcessAlive(pid), false);
  },
);
