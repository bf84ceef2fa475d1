import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { runRkatRpc, type RpcProcessIo } from '../../src/process/run-rkat-rpc.js';

interface Io extends RpcProcessIo {
  readonly stdin: PassThrough;
  readonly stdout: PassThrough;
  output(): string;
  errors(): string;
}

function io(signal?: AbortSignal): Io {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return {
    stdin,
    stdout,
    stderr: { write: (text: string) => (err += text) },
    env: { HOME: tmpdir() },
    ...(signal ? { signal } : {}),
    output: () => out,
    errors: () => err,
  };
}

async function withStateRoot(body: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'rkat-rpc-process-'));
  try {
    await body(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

void test(
  'usage errors exit 1 with a message on stderr and nothing on stdout',
  { timeout: 10_000 },
  async () => {
    for (const args of [
      ['--realm', 'r', '--isolated'],
      ['--bogus'],
      ['--max-frame-bytes', 'lots'],
      ['--realm-backend', 'csv'],
    ]) {
      const streams = io();
      assert.equal(await runRkatRpc(args, streams), 1, args.join(' '));
      assert.notEqual(streams.errors(), '', args.join(' '));
      assert.equal(streams.output(), '', args.join(' '));
    }
  },
);

void test('--help and --version print and exit 0 without opening a realm', { timeout: 10_000 }, async () => {
  const help = io();
  assert.equal(await runRkatRpc(['--help'], help), 0);
  for (const flag of [
    '--realm',
    '--isolated',
    '--state-root',
    '--tcp',
    '--live-ws',
    '--live-ws-scheme',
    '--max-frame-bytes',
  ]) {
    assert.ok(help.output().includes(flag), flag);
  }
  const version = io();
  assert.equal(await runRkatRpc(['--version'], version), 0);
  assert.match(version.output(), /0\.6\.6/);
});

void test(
  'serves stdio until EOF, then closes the realm and removes the lease',
  { timeout: 15_000 },
  async () => {
    await withStateRoot(async (root) => {
      const streams = io();
      const running = runRkatRpc(['--state-root', root, '--realm', 'inproc', '--instance', 'one'], streams);
      streams.stdin.write('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}\n');
      streams.stdin.end();
      assert.equal(await running, 0);
      const [line] = streams.output().trim().split('\n');
      assert.equal(JSON.parse(line ?? '{}').result.contract_version, '0.6.6');
      assert.equal(existsSync(join(root, 'inproc', 'leases', 'one.json')), false);
      assert.equal(streams.errors(), '');
    });
  },
);

void test('an aborted signal (SIGTERM) shuts the server down like EOF', { timeout: 15_000 }, async () => {
  await withStateRoot(async (root) => {
    const terminate = new AbortController();
    const streams = io(terminate.signal);
    const running = runRkatRpc(['--state-root', root, '--realm', 'inproc', '--instance', 'two'], streams);
    streams.stdin.write('{"jsonrpc":"2.0","id":1,"method":"config/get","params":{}}\n');
    while (!streams.output().includes('"id":1')) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(existsSync(join(root, 'inproc', 'leases', 'two.json')));
    terminate.abort();
    assert.equal(await running, 0);
    assert.equal(existsSync(join(root, 'inproc', 'leases', 'two.json')), false);
  });
});
