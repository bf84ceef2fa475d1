import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { RpcClient } from '../rpc-client.js';
import { SystemFixture, errorOf, scripted } from '../support.js';
import { CRASH_WAIT_MS } from '@rkat/testing/process-harness';

// Reliability row 37: canary API keys must never reach the store (SQLite main file and WAL, as bytes),
// any other file under the home, the server's stderr or log file at trace level, or any line the
// client receives (notifications, results, error messages) — on success and on a provider 401.
let fixture: SystemFixture;

before(async () => {
  fixture = await SystemFixture.start();
});

after(async () => {
  await fixture.stop();
});

const CANARIES = {
  ANTHROPIC_API_KEY: `canary-anthropic-${randomUUID()}`,
  OPENAI_API_KEY: `canary-openai-${randomUUID()}`,
  GEMINI_API_KEY: `canary-gemini-${randomUUID()}`,
};

const MODELS = [
  { provider: 'anthropic', model: 'claude-opus-4-7' },
  { provider: 'openai', model: 'gpt-5.4' },
  { provider: 'gemini', model: 'gemini-3-flash-preview' },
];

const lookup = {
  name: 'lookup',
  description: 'Looks a key up in the client',
  input_schema: { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] },
};

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Every file under the home whose bytes contain a canary, with the canary's name. */
async function leaksOnDisk(): Promise<string[]> {
  const leaks: string[] = [];
  for (const file of await filesUnder(fixture.home)) {
    const bytes = await readFile(file);
    for (const [name, canary] of Object.entries(CANARIES)) {
      if (bytes.includes(Buffer.from(canary, 'utf8')) || bytes.includes(Buffer.from(canary, 'utf16le'))) {
        leaks.push(`${name} in ${file}`);
      }
    }
  }
  return leaks;
}

function leaksIn(text: string, where: string): string[] {
  return Object.entries(CANARIES)
    .filter(([, canary]) => text.includes(canary))
    .map(([name]) => `${name} in ${where}`);
}

/** A full session per provider with a callback tool call and a built-in one, then a 401 turn. */
async function exercise(rpc: RpcClient): Promise<void> {
  assert.deepEqual(await rpc.call('tools/register', { tools: [lookup] }), { registered: 1 });
  rpc.answer('tool/execute', { result: { content: 'looked up', is_error: false } });
  for (const { provider, model } of MODELS) {
    const created = await rpc.call<{ session_id: string; text: string; tool_calls: number }>(
      'session/create',
      {
        provider,
        model,
        prompt: scripted([
          {
            tools: [
              { name: 'lookup', args: { key: 'k' } },
              { name: 'datetime', args: {} },
            ],
          },
          { text: `answered by ${provider}` },
        ]),
      },
    );
    assert.deepEqual([created.text, created.tool_calls], [`answered by ${provider}`, 2]);
    const denied = errorOf(
      (
        await rpc.request('turn/start', {
          session_id: created.session_id,
          prompt: scripted([{ error: { status: 401, message: 'invalid x-api-key' } }]),
        })
      ).message,
    );
    assert.equal(denied.code, -32010, `${provider}: the 401 is a provider error`);
    await rpc.call('session/history', { session_id: created.session_id });
    await rpc.call('session/read', { session_id: created.session_id });
  }
}

function assertNoLeak(rpc: RpcClient, what: string, diskLeaks: string[]): void {
  const leaks = [
    ...diskLeaks,
    ...leaksIn(rpc.stderr, `${what} stderr`),
    ...leaksIn(JSON.stringify(rpc.messages), `${what} client lines`),
  ];
  assert.deepEqual(leaks, []);
}

void test(
  'R37 secrets-never-persisted: canary keys reach no file, log, event or error message',
  { timeout: 240_000 },
  async () => {
    const env = fixture.env({ ...CANARIES, RKAT_LOG: 'trace' });
    const logFile = join(fixture.home, 'logs', 'rkat-rpc.log');

    // Logging to stderr at trace level.
    const onStderr = fixture.spawn(['--realm', 'canary-realm'], { env, timeoutMs: CRASH_WAIT_MS });
    await exercise(onStderr);
    assert.notEqual(onStderr.stderr, '', 'trace logging is on');
    assertNoLeak(onStderr, 'stderr process', await leaksOnDisk()); // the WAL is still live here
    await onStderr.close();

    // Logging to a file at trace level; then the store after a clean close (WAL checkpointed).
    await mkdir(join(fixture.home, 'logs'), { recursive: true });
    const onFile = fixture.spawn(['--realm', 'canary-realm', '--log-file', logFile], {
      env,
      timeoutMs: CRASH_WAIT_MS,
    });
    await exercise(onFile);
    assertNoLeak(onFile, 'log-file process', await leaksOnDisk());
    await onFile.close();
    assert.notEqual(await readFile(logFile, 'utf8'), '', 'the log file was written');
    assert.deepEqual(await leaksOnDisk(), []);

    // The canaries were really in use: every provider call carried its provider's key.
    const headers = fixture.fake.requests.map((request) => JSON.stringify(request.headers) + request.path);
    for (const [name, canary] of Object.entries(CANARIES)) {
      assert.ok(
        headers.some((text) => text.includes(canary)),
        `${name} was sent to the provider`,
      );
    }
    assert.ok(fixture.fake.requests.some((request) => request.status === 401));
  },
);
