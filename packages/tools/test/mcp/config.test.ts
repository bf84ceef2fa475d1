import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  envLookupFrom,
  expandMcpServerEnv,
  McpConfigError,
  mcpTransportKind,
  mergeMcpServerSources,
  parseMcpFile,
  parseMcpServerConfig,
  type McpServerConfig,
} from '../../src/index.js';

void test('parses stdio and HTTP entries with defaults filled in', { timeout: 30_000 }, () => {
  const stdio = parseMcpServerConfig({ name: 'fs', command: 'npx', args: ['-y', 'srv'], env: { K: 'v' } });
  assert.deepEqual(stdio, { name: 'fs', command: 'npx', args: ['-y', 'srv'], env: { K: 'v' } });
  assert.equal(mcpTransportKind(stdio), 'stdio');

  const http = parseMcpServerConfig({ name: 'web', url: 'https://x/mcp', connect_timeout_secs: 3 });
  assert.deepEqual(http, { name: 'web', url: 'https://x/mcp', headers: {}, connect_timeout_secs: 3 });
  assert.equal(mcpTransportKind(http), 'streamable-http');
  assert.equal(
    mcpTransportKind(parseMcpServerConfig({ name: 'old', url: 'https://x/sse', transport: 'sse' })),
    'sse',
  );
});

void test('rejects entries the original would not deserialize', { timeout: 30_000 }, () => {
  const rejects = (value: unknown, pattern: RegExp) =>
    assert.throws(
      () => parseMcpServerConfig(value, 'mcp.toml'),
      (error: unknown) => {
        assert.ok(error instanceof McpConfigError);
        assert.match(error.message, pattern);
        return true;
      },
    );
  rejects({ name: 'a', command: 'x', url: 'http://y' }, /exactly one of 'command' \(stdio\) or 'url'/);
  rejects({ name: 'a' }, /exactly one of/);
  rejects({ name: 'a', command: 'x', headers: {} }, /unknown field\(s\): 'headers'/);
  rejects({ name: 'a', url: 'http://y', cwd: '/tmp' }, /unknown field\(s\): 'cwd'/);
  rejects({ name: 'a', url: 'http://y', transport: 'websocket' }, /'transport' must be/);
  rejects({ name: 'a', command: 'x', args: [1] }, /'args' must be an array of strings/);
  rejects({ name: 'a', command: 'x', connect_timeout_secs: -1 }, /non-negative integer/);
  rejects({ name: 'a', command: 'x', env: { K: 1 } }, /'K' must be a string/);
  assert.throws(() => parseMcpServerConfig({ name: ' ', command: 'x' }), {
    message: 'server_name cannot be empty',
  });
});

void test('expands ${VAR} in every string field from the given environment', { timeout: 30_000 }, () => {
  const env = envLookupFrom({ TOKEN: 's3cret', HOST: 'example.com', BIN: '/usr/bin/srv' });
  const stdio = expandMcpServerEnv(
    { name: 'a', command: '${BIN}', args: ['--host=${HOST}'], env: { API_KEY: 'k-${TOKEN}' } },
    env,
  );
  assert.deepEqual(stdio, {
    name: 'a',
    command: '/usr/bin/srv',
    args: ['--host=example.com'],
    env: { API_KEY: 'k-s3cret' },
  });
  const http = expandMcpServerEnv(
    { name: 'b', url: 'https://${HOST}/mcp', headers: { Authorization: 'Bearer ${TOKEN}' } },
    env,
  );
  assert.deepEqual(http, {
    name: 'b',
    url: 'https://example.com/mcp',
    headers: { Authorization: 'Bearer s3cret' },
  });
});

void test(
  'an unset variable is an error naming the server and the variable, not the value',
  { timeout: 30_000 },
  () => {
    const config: McpServerConfig = {
      name: 'gh',
      url: 'https://x',
      headers: { Authorization: 'Bearer ${GH_TOKEN}' },
    };
    assert.throws(
      () => expandMcpServerEnv(config, envLookupFrom({})),
      (error: unknown) => {
        assert.ok(error instanceof McpConfigError);
        assert.equal(
          error.message,
          "MCP server 'gh': missing environment variable 'GH_TOKEN' referenced in headers.Authorization",
        );
        return true;
      },
    );
    assert.throws(
      () => expandMcpServerEnv({ name: 'gh', command: 'x', args: ['${OPEN'] }, envLookupFrom({})),
      { message: "MCP server 'gh': invalid environment variable reference in args[0]" },
    );
    assert.throws(
      () => expandMcpServerEnv({ name: 'gh', command: '${}' }, envLookupFrom({})),
      /invalid environment/,
    );
  },
);

void test('reads the servers of a parsed mcp.toml and ignores other keys', { timeout: 30_000 }, () => {
  const parsed = {
    other: 1,
    servers: [
      { name: 'a', command: 'x', env: { K: '${V}' } },
      { name: 'b', url: 'https://b' },
    ],
  };
  const servers = parseMcpFile(parsed, { path: '/p/.rkat/mcp.toml', env: envLookupFrom({ V: 'val' }) });
  assert.deepEqual(
    servers.map((server) => server.name),
    ['a', 'b'],
  );
  assert.deepEqual(servers[0], { name: 'a', command: 'x', args: [], env: { K: 'val' } });
  assert.deepEqual(parseMcpFile({}, { path: 'f', env: envLookupFrom({}) }), []);
  assert.throws(
    () => parseMcpFile({ servers: {} }, { path: '/p/mcp.toml', env: envLookupFrom({}) }),
    /\/p\/mcp.toml/,
  );
  assert.throws(
    () =>
      parseMcpFile(
        { servers: [{ name: 'z', command: 'x', bogus: 1 }] },
        { path: '/u/mcp.toml', env: envLookupFrom({}) },
      ),
    /\/u\/mcp.toml: server 'z' has unknown field/,
  );
});

void test(
  'merges sources: project wins over user, user over config; first entry of a name wins',
  { timeout: 30_000 },
  () => {
    const server = (name: string, command: string): McpServerConfig => ({ name, command });
    const merged = mergeMcpServerSources({
      config: [server('shared', 'config'), server('config-only', 'config')],
      user: [server('shared', 'user'), server('user-only', 'user'), server('user-only', 'user-dup')],
      project: [server('shared', 'project')],
    });
    assert.deepEqual(
      merged.map((entry) => [entry.name, 'command' in entry ? entry.command : '']),
      [
        ['shared', 'project'],
        ['user-only', 'user'],
        ['config-only', 'config'],
      ],
    );
    assert.deepEqual(mergeMcpServerSources({}), []);
  },
);
