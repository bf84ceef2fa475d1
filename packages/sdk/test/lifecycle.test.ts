import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { MeerkatClient, MeerkatError } from '../src/index.js';
import { SdkFixture, scripted } from './support.js';

// Process lifecycle: discovery, handshake, version rule, close, child death.
let fixture: SdkFixture;

/** The built rkat-rpc of this repository (this file compiles to packages/sdk/dist/test/). */
const RKAT_RPC = fileURLToPath(new URL('../../../rpc-server/dist/src/bin/rkat-rpc.js', import.meta.url));

before(async () => {
  fixture = await SdkFixture.start();
});

after(async () => {
  await fixture.stop();
});

/** Writes a stand-in server script (run with node because its name ends in .js). */
async function fakeServer(name: string, body: string): Promise<string> {
  const path = join(fixture.home, name);
  await writeFile(
    path,
    `import { createInterface } from 'node:readline';
const send = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
const lines = createInterface({ input: process.stdin });
${body}
`,
  );
  return path;
}

const answerInitialize = (version: string): string => `
lines.on('line', (line) => {
  const request = JSON.parse(line);
  if (request.method === 'initialize') {
    send({ jsonrpc: '2.0', id: request.id, result: { contract_version: '${version}', methods: ['initialize'] } });
  } else if (request.method === 'capabilities/get') {
    send({ jsonrpc: '2.0', id: request.id, result: { capabilities: [] } });
  } else {
    HANDLER(request);
  }
});`;

void test(
  'S01 discovery falls back to this repository build and the handshake fills methods',
  { timeout: 30_000 },
  async () => {
    const client = await fixture.connect({ realmId: 'sdk-lifecycle' });
    assert.ok(client.methods.has('session/create'));
    assert.ok(client.methods.has('tools/register'));
    assert.ok(client.capabilities.length > 0);
    assert.equal(client.serverInfo.version, '0.6.6');
    assert.equal(client.hasCapability('mob'), false);
    assert.throws(() => client.requireCapability('mob'), {
      name: 'CapabilityUnavailableError',
      code: 'CAPABILITY_UNAVAILABLE',
    });
    await client.close();
    await client.close();
  },
);

void test('S02 MEERKAT_BIN_PATH wins over the constructor path', { timeout: 30_000 }, async () => {
  const client = new MeerkatClient('/nowhere/rkat-rpc');
  await fixture.connect({ env: fixture.env({ MEERKAT_BIN_PATH: RKAT_RPC }) }, client);
  assert.ok(client.methods.has('turn/start'));
  await client.close();
});

void test('S03 an explicit path that does not exist is BINARY_NOT_FOUND', { timeout: 10_000 }, async () => {
  await assert.rejects(
    new MeerkatClient(join(fixture.home, 'missing-rkat-rpc')).connect({ env: fixture.env() }),
    {
      code: 'BINARY_NOT_FOUND',
    },
  );
  await assert.rejects(new MeerkatClient().connect({ env: fixture.env({ MEERKAT_BIN_PATH: '   ' }) }), {
    code: 'BINARY_NOT_FOUND',
  });
});

void test(
  'S04 realmId with isolated is INVALID_ARGS before anything starts',
  { timeout: 10_000 },
  async () => {
    await assert.rejects(new MeerkatClient(RKAT_RPC).connect({ realmId: 'a', isolated: true }), {
      code: 'INVALID_ARGS',
    });
  },
);

void test('S05 a server of another contract minor is VERSION_MISMATCH', { timeout: 20_000 }, async () => {
  const path = await fakeServer('old-server.js', answerInitialize('0.7.0').replace('HANDLER(request);', ''));
  await assert.rejects(new MeerkatClient(path).connect({ env: fixture.env() }), (error: unknown) => {
    assert.ok(error instanceof MeerkatError);
    assert.equal(error.code, 'VERSION_MISMATCH');
    assert.match(error.message, /0\.7\.0 incompatible with SDK 0\.6\.6/);
    return true;
  });
});

void test(
  'S06 a child that dies rejects every pending call with its stderr tail',
  { timeout: 20_000 },
  async () => {
    const path = await fakeServer(
      'dying-server.js',
      answerInitialize('0.6.9').replace(
        'HANDLER(request);',
        `if (request.method === 'session/list') { process.stderr.write('fatal: the disk is on fire\\n'); process.exit(3); }`,
      ),
    );
    const client = new MeerkatClient(path);
    await client.connect({ env: fixture.env() });
    const pending = [client.request('session/read', { session_id: 'x' }), client.request('session/list')];
    const results = await Promise.allSettled(pending);
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      const error: unknown = result.reason;
      assert.ok(error instanceof MeerkatError);
      assert.equal(error.code, 'PROCESS_EXITED');
      assert.match(error.message, /code 3/);
      assert.match(error.message, /the disk is on fire/);
    }
    await assert.rejects(client.request('session/list'), { code: 'PROCESS_EXITED' });
    await client.close();
  },
);

void test(
  'S07 close() rejects pending calls and stops a child that ignores stdin EOF and SIGTERM',
  { timeout: 30_000 },
  async () => {
    const path = await fakeServer(
      'stubborn-server.js',
      `process.on('SIGTERM', () => {});\nsetInterval(() => {}, 1000);\n` +
        answerInitialize('0.6.6').replace('HANDLER(request);', ''),
    );
    const client = new MeerkatClient(path);
    await client.connect({ env: fixture.env() });
    const pending = assert.rejects(client.request('session/list'), { code: 'CLIENT_CLOSED' });
    await client.close();
    await pending;
    await assert.rejects(client.request('session/list'), { code: 'CLIENT_CLOSED' });
  },
);

void test('S08 a call before connect is NOT_CONNECTED', { timeout: 10_000 }, async () => {
  const client = new MeerkatClient();
  await assert.rejects(client.request('session/list'), { code: 'NOT_CONNECTED' });
  await assert.rejects(client.listSkills(), { code: 'NOT_CONNECTED' });
  assert.throws(() => client.createSessionStreaming(scripted([{ text: 'x' }])), { code: 'NOT_CONNECTED' });
});

void test(
  'S09 close() during a streamed turn ends the stream with CLIENT_CLOSED',
  { timeout: 30_000 },
  async () => {
    const client = await fixture.connect({ realmId: 'sdk-lifecycle-close' });
    const session = await client.createSession(scripted([{ text: 'ready' }]));
    const stream = session.stream(scripted([{ text: 'never finishes', chunk: 2, stall_after: 1 }]));
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of stream) {
          seen.push(event.type);
          if (event.type === 'text_delta') await client.close();
        }
      })(),
      { code: 'CLIENT_CLOSED' },
    );
    assert.ok(seen.includes('text_delta'));
    assert.throws(() => stream.result, { code: 'CLIENT_CLOSED' });
  },
);

void test(
  'S50 requestTimeoutMs rejects a request the server never answers',
  { timeout: 30_000 },
  async () => {
    const path = await fakeServer(
      'silent-server.js',
      answerInitialize('0.6.6').replace('HANDLER(request);', ''),
    );
    // The limit also bounds `initialize` / `capabilities/get`, so it leaves a loaded machine room to start the
    // stand-in; the elapsed time shows the rejection came from this limit, not from anything sooner.
    const limitMs = 2_000;
    const client = new MeerkatClient(path);
    await client.connect({ env: fixture.env(), requestTimeoutMs: limitMs });
    const started = performance.now();
    await assert.rejects(client.request('session/list'), {
      code: 'REQUEST_TIMEOUT',
      message: `session/list got no response in ${limitMs}ms`,
    });
    const elapsed = performance.now() - started;
    assert.ok(
      elapsed >= limitMs - 50 && elapsed < limitMs + 8_000,
      `rejected after ${Math.round(elapsed)} ms`,
    );
    await client.close();
  },
);
