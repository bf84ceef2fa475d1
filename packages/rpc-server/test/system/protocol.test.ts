import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ModelsCatalogResult } from '@rkat/contracts';
import { BlobStore, realmPaths } from '@rkat/runtime';
import type { RpcClient } from './rpc-client.js';
import {
  BlobResult,
  CapabilitiesResult,
  ConfigEnvelope,
  InitializeResult,
  RealmGetResult,
  RealmListResult,
  RegisterResult,
} from './result-schemas.js';
import { SystemFixture, assertShape, errorOf, resultOf } from './support.js';

// One process for the whole file: handshake, bad input, config, realms, blobs, models, tools/register.
const REALM = 'protocol-realm';
const MAX_FRAME_BYTES = 4096;
let fixture: SystemFixture;
let rpc: RpcClient;

before(async () => {
  fixture = await SystemFixture.start();
  rpc = fixture.spawn([
    '--realm',
    REALM,
    '--max-frame-bytes',
    String(MAX_FRAME_BYTES),
    '--instance',
    'proto-1',
  ]);
});

after(async () => {
  await fixture.stop();
});

const SERVED = [
  'initialized',
  'initialize',
  'session/create',
  'session/list',
  'session/read',
  'session/history',
  'session/fork_at',
  'session/fork_replace',
  'session/archive',
  'turn/start',
  'turn/interrupt',
  'config/get',
  'config/set',
  'config/patch',
  'capabilities/get',
  'models/catalog',
  'realm/list',
  'realm/get',
  'blob/get',
  'session/stream_open',
  'session/stream_close',
  'skills/list',
  'mcp/add',
  'mcp/remove',
  'mcp/reload',
  'tools/register',
];

void test(
  'initialize: 0.6.6 and exactly the served methods in catalog order',
  { timeout: 90_000 },
  async () => {
    const result = await rpc.call('initialize', {});
    assertShape(InitializeResult, result, 'initialize');
    assert.deepEqual(result.server_info, { name: 'meerkat-rpc', version: '0.6.6' });
    assert.deepEqual(result.methods, SERVED);
    // Every advertised method (but the notification) is served: none answers -32601. The probe params are
    // invalid for every method that writes (no prompt, no tools, a negative generation).
    for (const method of SERVED.slice(1)) {
      const { message } = await rpc.request(method, { expected_generation: -1 });
      assert.notEqual(message.error?.code, -32601, `${method} is served`);
    }
    // The notification `initialized` is a no-op: nothing comes back, the next request is served.
    rpc.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    assert.deepEqual(resultOf((await rpc.request('initialize')).message), result);
  },
);

void test('capabilities/get tells the truth for this build and realm', { timeout: 90_000 }, async () => {
  const result = await rpc.call<{ capabilities: { id: string; status: unknown }[] }>('capabilities/get');
  assertShape(CapabilitiesResult, result, 'capabilities/get');
  const status = Object.fromEntries(result.capabilities.map((entry) => [entry.id, entry.status]));
  assert.deepEqual(Object.keys(status), [
    'sessions',
    'streaming',
    'structured_output',
    'hooks',
    'builtins',
    'shell',
    'comms',
    'memory_store',
    'session_store',
    'session_compaction',
    'skills',
    'mcp_live',
  ]);
  assert.equal(status.sessions, 'Available');
  assert.deepEqual(status.builtins, { DisabledByPolicy: { description: 'tools.builtins_enabled = false' } });
  assert.equal(status.hooks, 'Available');
  assert.equal(status.skills, 'Available');
});

void test(
  'R12 malformed-frame: bad input never kills the server: each line gets its error, the next is served',
  { timeout: 90_000 },
  async () => {
    const before = rpc.messages.length;
    rpc.write('this is not json\n');
    rpc.write('{"id":"no-version","method":"initialize","params":{}}\n');
    rpc.write('{"jsonrpc":"2.0","id":"unknown","method":"no/such_method","params":{}}\n');
    rpc.write(
      `{"jsonrpc":"2.0","id":"big","method":"initialize","params":{"pad":"${'x'.repeat(MAX_FRAME_BYTES * 4)}"}}\n`,
    );
    rpc.write('{"jsonrpc":"2.0","id":"bad-params","method":"session/read","params":{"session_id":42}}\n');
    rpc.write('{"jsonrpc":"2.0","id":"cancel-as-request","method":"cancel","params":{"request_id":1}}\n');
    const served = await rpc.request('capabilities/get');
    assert.ok(served.message.result, 'the request after the bad lines is served');

    const lines = rpc.messages.slice(before);
    const notJson = lines.find((message) => message.id === null);
    assert.equal(errorOf(notJson ?? {}).code, -32700);
    assert.equal(errorOf((await rpc.response('no-version')).message).code, -32600);
    const unknown = errorOf((await rpc.response('unknown')).message);
    assert.deepEqual([unknown.code, unknown.message], [-32601, 'Method not found: no/such_method']);
    const big = errorOf((await rpc.response('big')).message);
    assert.equal(big.code, -32600);
    assert.equal((big.data as { code: string }).code, 'FRAME_TOO_LARGE');
    const badParams = errorOf((await rpc.response('bad-params')).message);
    assert.equal(badParams.code, -32602);
    assert.match(badParams.message, /session_id/);
    assert.equal(errorOf((await rpc.response('cancel-as-request')).message).code, -32601);
  },
);

void test(
  'R16 oversized-frame: a line far past the limit is discarded as it streams in; the server reads on',
  { timeout: 90_000 },
  async () => {
    rpc.write('{"jsonrpc":"2.0","id":"endless","method":"initialize","params":{"pad":"');
    for (let index = 0; index < 64; index += 1) rpc.write(Buffer.alloc(64 * 1024, 0x61));
    rpc.write('"}}\n');
    const endless = errorOf((await rpc.response('endless')).message);
    assert.equal((endless.data as { code: string }).code, 'FRAME_TOO_LARGE');
    assert.ok((await rpc.request('initialize')).message.result);
  },
);

void test(
  'R15 invalid-params: wrong types, missing fields, strict methods reject unknown fields',
  { timeout: 90_000 },
  async () => {
    const missing = errorOf((await rpc.request('realm/get', {})).message);
    assert.deepEqual([missing.code, missing.message], [-32602, 'Invalid params: missing field `realm_id`']);
    const strict = errorOf((await rpc.request('session/stream_close', { stream_id: 'x', extra: 1 })).message);
    assert.equal(strict.code, -32602);
    assert.match(strict.message, /unknown field `extra`/);
    // Positional params are not a request this server accepts (the transport answers invalid request).
    const positional = errorOf((await rpc.request('session/list', [1, 2])).message);
    assert.equal(positional.code, -32600);
    // `null` means absent and unknown fields of a non-strict method are ignored.
    const list = await rpc.call('session/list', { labels: null, limit: null, whatever: true });
    assert.deepEqual(list, { sessions: [] });
    const unknownSession = errorOf(
      (await rpc.request('session/read', { session_id: '01a22276-75c6-719f-8985-00c9d65a684b' })).message,
    );
    assert.equal(unknownSession.code, -32001);
    const foreign = errorOf(
      (await rpc.request('session/read', { session_id: 'other-realm:01a22276-75c6-719f-8985-00c9d65a684b' }))
        .message,
    );
    assert.equal(foreign.code, -32602);
  },
);

void test(
  'config: get, set, patch with generation compare-and-swap, stale generation refused',
  { timeout: 90_000 },
  async () => {
    const initial = await rpc.call<{
      generation: number;
      config: Record<string, unknown>;
      realm_id: string;
      instance_id: string;
    }>('config/get');
    assertShape(ConfigEnvelope, initial, 'config/get');
    assert.equal(initial.generation, 0);
    assert.equal(initial.realm_id, REALM);
    assert.equal(initial.instance_id, 'proto-1');

    const realmSection = {
      team: {
        default_binding: 'main',
        backend: {
          direct: { provider: 'anthropic', backend_kind: 'anthropic_api', base_url: 'http://127.0.0.1:9' },
        },
        auth: {
          key: {
            provider: 'anthropic',
            auth_method: 'api_key',
            source: { kind: 'env', env: 'ANTHROPIC_API_KEY' },
          },
        },
        binding: { main: { backend_profile: 'direct', auth_profile: 'key' } },
      },
    };
    const set = await rpc.call<{ generation: number; config: Record<string, unknown> }>('config/set', {
      config: { ...initial.config, realm: realmSection },
      expected_generation: 0,
    });
    assertShape(ConfigEnvelope, set, 'config/set');
    assert.equal(set.generation, 1);

    const patched = await rpc.call<{ generation: number; config: { max_tokens: number } }>('config/patch', {
      patch: { max_tokens: 4000 },
      expected_generation: 1,
    });
    assert.equal(patched.generation, 2);
    assert.equal(patched.config.max_tokens, 4000);

    const stale = errorOf(
      (await rpc.request('config/patch', { patch: { max_tokens: 5 }, expected_generation: 1 })).message,
    );
    assert.deepEqual([stale.code, stale.message], [-32602, 'Generation conflict: expected 1, current 2']);
    const invalid = errorOf(
      (await rpc.request('config/patch', { patch: { max_tokens: 0 }, expected_generation: 2 })).message,
    );
    assert.equal(invalid.code, -32602);
    assert.match(invalid.message, /max_tokens/);
    const after = await rpc.call<{ generation: number; config: { max_tokens: number } }>('config/get');
    assert.deepEqual([after.generation, after.config.max_tokens], [2, 4000]);

    // The connection sections just written are what realm/* report.
    const realms = await rpc.call('realm/list');
    assertShape(RealmListResult, realms, 'realm/list');
    assert.deepEqual(realms, {
      realms: [
        {
          realm_id: 'team',
          default_binding: 'main',
          backend_count: 1,
          auth_profile_count: 1,
          binding_count: 1,
        },
      ],
    });
    const team = await rpc.call<Record<string, unknown>>('realm/get', { realm_id: 'team' });
    assertShape(RealmGetResult, team, 'realm/get');
    assert.deepEqual(team.auth_profiles, {
      key: { id: 'key', provider: 'anthropic', auth_method: 'api_key', source_kind: 'env' },
    });
    const unknown = errorOf((await rpc.request('realm/get', { realm_id: 'nope' })).message);
    assert.deepEqual([unknown.code, unknown.message], [-32602, 'Unknown realm: nope']);
  },
);

void test('models/catalog has the documented shape', { timeout: 90_000 }, async () => {
  const catalog = await rpc.call<{ providers: { provider: string }[] }>('models/catalog');
  assertShape(ModelsCatalogResult, catalog, 'models/catalog');
  assert.deepEqual(
    catalog.providers.map((entry) => entry.provider),
    ['anthropic', 'openai', 'gemini'],
  );
});

void test(
  'R35 path-traversal-ids: blob/get serves stored blobs, validates ids, reports missing blobs',
  { timeout: 90_000 },
  async () => {
    const store = new BlobStore(realmPaths(fixture.stateRoot, REALM).blobsDirectory);
    const blobId = await store.putBlob(Buffer.from('hello blob'), 'text/plain');
    const blob = await rpc.call('blob/get', { blob_id: blobId });
    assertShape(BlobResult, blob, 'blob/get');
    assert.deepEqual(blob, {
      blob_id: blobId,
      media_type: 'text/plain',
      data: Buffer.from('hello blob').toString('base64'),
    });
    for (const bad of ['../../etc/passwd', 'sha256:XYZ', `sha256:${'A'.repeat(64)}`]) {
      assert.equal(errorOf((await rpc.request('blob/get', { blob_id: bad })).message).code, -32602, bad);
    }
    const missing = errorOf((await rpc.request('blob/get', { blob_id: `sha256:${'0'.repeat(64)}` })).message);
    assert.deepEqual([missing.code, missing.message], [-32602, `blob not found: sha256:${'0'.repeat(64)}`]);
  },
);

void test('tools/register: counts definitions, rejects bad ones', { timeout: 90_000 }, async () => {
  const tool = { name: 'lookup', description: 'Looks up', input_schema: { type: 'object' } };
  const registered = await rpc.call('tools/register', { tools: [tool, { ...tool, description: 'again' }] });
  assertShape(RegisterResult, registered, 'tools/register');
  assert.deepEqual(registered, { registered: 2 });
  const bad = errorOf((await rpc.request('tools/register', { tools: [{ name: 'x' }] })).message);
  assert.equal(bad.code, -32602);
  const missing = errorOf((await rpc.request('tools/register', {})).message);
  assert.deepEqual([missing.code, missing.message], [-32602, 'Invalid params: missing field `tools`']);
});
