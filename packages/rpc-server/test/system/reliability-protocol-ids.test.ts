import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BlobStore, realmPaths } from '@rkat/runtime';
import { withTimeout, type RpcClient } from './rpc-client.js';
import { sessionsDatabasePath, writeSessionsDatabase } from './reliability-protocol-support.js';
import { SystemFixture, errorOf, resultOf, scripted } from './support.js';

// Reliability rows 35 (path-traversal ids) and 38 (hostile persisted payloads).
const REALM = 'rel-ids';
const CANARY = 'CANARY-R35-do-not-serve';
const CANARY_BASE64 = Buffer.from(CANARY).toString('base64');
const CANARY_HEX = createHash('sha256').update(CANARY).digest('hex');
const UNKNOWN_SESSION = '01a22276-75c6-719f-8985-00c9d65a684b';
let fixture: SystemFixture;
let rpc: RpcClient;
let realmRoot = '';
let sessionId = '';

before(async () => {
  fixture = await SystemFixture.start();
  rpc = fixture.spawn(['--realm', REALM]);
  await rpc.call('initialize');
  realmRoot = realmPaths(fixture.stateRoot, REALM).root;
  // The canary sits where a traversal from the blob directory, the realm or the state root would land,
  // and is also a stored blob, so a loosely normalized id would find it.
  for (const directory of [realmRoot, fixture.stateRoot, fixture.home]) {
    await writeFile(join(directory, 'canary.txt'), CANARY);
  }
  const stored = await new BlobStore(realmPaths(fixture.stateRoot, REALM).blobsDirectory).putBlob(
    Buffer.from(CANARY),
    'text/plain',
  );
  assert.equal(stored, `sha256:${CANARY_HEX}`);
  sessionId = (
    await rpc.call<{ session_id: string }>('session/create', { prompt: scripted([{ text: 'ids' }]) })
  ).session_id;
});

after(async () => {
  await fixture.stop();
});

/** True when a line the server wrote from index `from` on carries the canary (as text or base64). */
const canaryLeaked = (from: number, allowed: unknown[] = []): boolean =>
  rpc.messages.slice(from).some((message) => {
    if (allowed.includes(message)) return false;
    const text = JSON.stringify(message);
    return text.includes(CANARY) || text.includes(CANARY_BASE64);
  });

void test(
  'R35 path-traversal-ids: blob ids other than canonical sha256 hex are invalid params, never read',
  { timeout: 90_000 },
  async () => {
    const from = rpc.messages.length;
    const canonical = await rpc.request('blob/get', { blob_id: `sha256:${CANARY_HEX}` });
    assert.equal(resultOf<{ data: string }>(canonical.message).data, CANARY_BASE64, 'the control is served');
    const absolute = join(realmRoot, 'canary.txt');
    const hostile = [
      '../canary.txt',
      '../../canary.txt',
      'sha256:../canary.txt',
      `sha256:${CANARY_HEX}/../../canary.txt`,
      `sha256:../${CANARY_HEX}`,
      absolute,
      `sha256:${absolute}`,
      'sha256:%2e%2e%2fcanary.txt',
      `sha256:%2e%2e%2f${CANARY_HEX}`,
      '%2e%2e/canary.txt',
      `sha256:${CANARY_HEX}\u0000`,
      `sha256:${CANARY_HEX}\u0000/../canary.txt`,
      `sha256:${CANARY_HEX.toUpperCase()}`,
      `sha256:${CANARY_HEX}\n`,
      ` sha256:${CANARY_HEX}`,
      `SHA256:${CANARY_HEX}`,
      `sha512:${CANARY_HEX}`,
      CANARY_HEX,
      `sha256:${CANARY_HEX.slice(1)}`,
      `sha256:${CANARY_HEX}0`,
      `sha256:${'a'.repeat(100_000)}`,
    ];
    for (const blobId of hostile) {
      const error = errorOf((await rpc.request('blob/get', { blob_id: blobId })).message);
      // "invalid", not "not found": rejected by the id check, before any lookup.
      assert.deepEqual(
        [error.code, error.message],
        [-32602, 'invalid blob_id: expected sha256:<64 lowercase hex>'],
        JSON.stringify(blobId.slice(0, 100)),
      );
    }
    // A blob reference in a prompt is held to the same rule: rejected, nothing stored.
    const before = await rpc.call<{ message_count: number }>('session/read', { session_id: sessionId });
    for (const blobId of ['../canary.txt', absolute, `sha256:${CANARY_HEX.toUpperCase()}`]) {
      const image = { type: 'image', media_type: 'image/png', source: 'blob', blob_id: blobId };
      const error = errorOf(
        (await rpc.request('turn/start', { session_id: sessionId, prompt: [image] })).message,
      );
      assert.equal(error.code, -32602);
      assert.match(error.message, /\/prompt\/0\/blob_id: must match pattern/);
    }
    const after = await rpc.call<{ message_count: number }>('session/read', { session_id: sessionId });
    assert.equal(after.message_count, before.message_count);
    assert.equal(canaryLeaked(from, [canonical.message]), false, 'the canary never comes back');
  },
);

void test(
  'R35 path-traversal-ids: session, stream and realm ids are checked before any lookup',
  { timeout: 90_000 },
  async () => {
    const from = rpc.messages.length;
    const hostileSessions = [
      '../../canary.txt',
      '/etc/passwd',
      join(realmRoot, 'canary.txt'),
      `${UNKNOWN_SESSION}/../canary.txt`,
      `${UNKNOWN_SESSION}\u0000`,
      `%2e%2e%2f${UNKNOWN_SESSION}`,
      `..\\..\\${UNKNOWN_SESSION}`,
      'x'.repeat(100_000),
      `${REALM}:../${UNKNOWN_SESSION}`,
    ];
    const methods: [string, Record<string, unknown>][] = [
      ['session/read', {}],
      ['session/history', {}],
      ['session/archive', {}],
      ['session/fork_at', { message_index: 0 }],
      ['session/stream_open', {}],
      ['turn/start', { prompt: 'x' }],
      ['turn/interrupt', {}],
    ];
    for (const [method, params] of methods) {
      for (const id of hostileSessions) {
        const error = errorOf((await rpc.request(method, { ...params, session_id: id })).message);
        // -32001 would mean a lookup was made with the id.
        assert.equal(error.code, -32602, `${method} ${JSON.stringify(id.slice(0, 80))}`);
        assert.match(error.message, /^Invalid session_id '/);
      }
      // A traversal in the realm part of a locator is another realm, never a path.
      const foreign = errorOf(
        (await rpc.request(method, { ...params, session_id: `../${REALM}:${UNKNOWN_SESSION}` })).message,
      );
      assert.deepEqual(
        [foreign.code, foreign.message],
        [-32602, `Session locator realm '../${REALM}' does not match active runtime realm '${REALM}'`],
      );
    }
    for (const streamId of ['../canary.txt', `${UNKNOWN_SESSION}/..`, '\u0000']) {
      const error = errorOf((await rpc.request('session/stream_close', { stream_id: streamId })).message);
      assert.deepEqual([error.code, error.message], [-32602, `Invalid stream_id: ${streamId}`]);
    }
    // realm/get names a connection section of the config, never a directory; inherited names are unknown.
    for (const realmId of [
      '../canary.txt',
      '/etc',
      '__proto__',
      'constructor',
      'toString',
      '%2e%2e',
      'r'.repeat(10_000),
    ]) {
      const error = errorOf((await rpc.request('realm/get', { realm_id: realmId })).message);
      assert.deepEqual([error.code, error.message], [-32602, `Unknown realm: ${realmId}`]);
    }
    // `skills/list` takes no id; `skills/inspect` and the artifacts are not served: unknown, whatever the id.
    const listed = (await rpc.call('skills/list', { skill_id: '../canary.txt' })) as { skills: unknown[] };
    assert.ok(listed.skills.length > 0);
    for (const method of ['skills/inspect', 'artifact/list', 'artifact/get', 'artifact/download']) {
      const error = errorOf(
        (await rpc.request(method, { artifact_id: '../canary.txt', skill_id: '../canary.txt' })).message,
      );
      assert.deepEqual([error.code, error.message], [-32601, `Method not found: ${method}`]);
    }
    // A skill reference is a validated name, not a path.
    const skill = errorOf(
      (
        await rpc.request('session/create', {
          prompt: 'x',
          skill_refs: [{ kind: 'local', source_uuid: UNKNOWN_SESSION, skill_name: '../../canary' }],
        })
      ).message,
    );
    assert.equal(skill.code, -32602);
    assert.match(skill.message, /\/skill_refs\/0\/skill_name: must match pattern/);
    assert.equal(canaryLeaked(from), false);
  },
);

void test(
  'R35 path-traversal-ids: --realm refuses paths; --instance never leaves the leases directory',
  { timeout: 90_000 },
  async () => {
    const before = (await readdir(fixture.stateRoot)).sort();
    const outside = join(fixture.home, 'escape');
    const cases = ['../escape', outside, 'a/b', '..', '%2e%2e%2fescape', 'a'.repeat(65)];
    const processes = cases.map((realm) => ({ realm, client: fixture.spawn(['--realm', realm]) }));
    for (const { realm, client } of processes) {
      const exit = await withTimeout(client.exited, 30_000, `rkat-rpc --realm ${realm} to exit`);
      assert.notEqual(exit.code, 0, realm);
      assert.match(client.stderr, /expected 1-64 characters of \[A-Za-z0-9_-\]/, realm);
      assert.deepEqual(client.messages, []);
    }
    assert.deepEqual((await readdir(fixture.stateRoot)).sort(), before, 'no realm directory was created');
    assert.equal(existsSync(outside), false);

    const instance = fixture.spawn(['--realm', REALM, '--instance', '../../escape']);
    await instance.call('initialize');
    const leases = await readdir(join(realmRoot, 'leases'));
    // The instance id labels the lease; its file name keeps only [A-Za-z0-9_-].
    assert.ok(leases.includes('______escape.json'), leases.join(', '));
    assert.equal(existsSync(outside), false);
    assert.equal(existsSync(join(fixture.stateRoot, 'escape.json')), false);
    assert.deepEqual(await instance.close(), { code: 0, signal: null });
  },
);

/** Hostile JSON that a tampered store might hold: prototype keys at several depths. */
const POISON = '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}';

void test(
  'R38 hostile-persisted-payload: __proto__/constructor rows and forged tool calls load as plain data',
  { timeout: 90_000 },
  async () => {
    const realm = 'rel-hostile';
    const first = fixture.spawn(['--realm', realm, '--instance', 'writer']);
    await first.call('tools/register', {
      tools: [{ name: 'lookup', description: 'Looks up', input_schema: { type: 'object' } }],
    });
    first.answer('tool/execute', { result: { content: 'looked up', is_error: false } });
    const created = await first.call<{ session_id: string }>('session/create', {
      prompt: scripted([{ tools: [{ name: 'lookup', args: { q: 'x' } }] }, { text: 'done' }]),
      labels: { team: 'core' },
    });
    const target = created.session_id;
    assert.equal(first.serverRequests('tool/execute').length, 1);
    assert.deepEqual(await first.close(), { code: 0, signal: null });

    // Tamper with the stored rows directly, as a hostile or corrupted store would.
    writeSessionsDatabase(sessionsDatabasePath(fixture.stateRoot, realm), (db) => {
      const set = (sql: string, ...args: unknown[]): void => {
        assert.equal(db.prepare(sql).run(...args).changes, 1, sql);
      };
      set(
        `UPDATE sessions SET labels_json = ?, settings_json = json_patch(settings_json, ?) WHERE session_id = ?`,
        `{"team":"core",${POISON},"toString":"label"}`,
        `{${POISON}}`,
        target,
      );
      const body = (idx: number): Record<string, unknown> =>
        JSON.parse(
          (
            db
              .prepare('SELECT body_json FROM messages WHERE session_id = ? AND idx = ?')
              .get(target, idx) as {
              body_json: string;
            }
          ).body_json,
        ) as Record<string, unknown>;
      const user = JSON.stringify(body(0)).replace(/^\{/, `{${POISON},`);
      set('UPDATE messages SET body_json = ? WHERE session_id = ? AND idx = 0', user, target);
      // A forged tool call: arguments that would be dangerous if anything acted on them on load.
      const call = body(1) as { blocks: { data: { args: unknown } }[] };
      const forged = JSON.stringify(call).replace(
        /"args":\{[^}]*\}/,
        `"args":{${POISON},"cmd":"rm -rf /","toJSON":"not a function"}`,
      );
      set('UPDATE messages SET body_json = ? WHERE session_id = ? AND idx = 1', forged, target);
    });

    const second = fixture.spawn(['--realm', realm, '--instance', 'reader']);
    await second.call('tools/register', {
      tools: [{ name: 'lookup', description: 'Looks up', input_schema: { type: 'object' } }],
    });
    second.answer('tool/execute', { result: { content: 'looked up again', is_error: false } });
    const list = await second.call<{ sessions: { session_id: string; labels?: Record<string, string> }[] }>(
      'session/list',
      {},
    );
    const row = list.sessions.find((entry) => entry.session_id === target);
    assert.deepEqual(row?.labels, { team: 'core', toString: 'label' });
    assert.equal(Object.getPrototypeOf(row?.labels), Object.prototype);
    // A polluted prototype would make every session "carry" the label.
    assert.deepEqual((await second.call('session/list', { labels: { polluted: 'yes' } })).sessions, []);

    const info = await second.call<{ labels: Record<string, string> }>('session/read', {
      session_id: target,
    });
    assert.deepEqual(info.labels, { team: 'core', toString: 'label' });
    const history = await second.call<{ messages: Record<string, unknown>[] }>('session/history', {
      session_id: target,
    });
    const text = JSON.stringify(history.messages);
    assert.ok(!text.includes('polluted'), text);
    const toolUse = (history.messages[1] as { blocks: { data: { args: unknown } }[] }).blocks[0];
    assert.deepEqual(toolUse?.data.args, { cmd: 'rm -rf /', toJSON: 'not a function' });

    // Resuming sends the forged call to the model as history; nothing executes it again.
    const resumed = await second.call<{ text: string }>('turn/start', {
      session_id: target,
      prompt: scripted([{ text: 'resumed safely' }]),
    });
    assert.equal(resumed.text, 'resumed safely');
    assert.equal(second.serverRequests('tool/execute').length, 0, 'the forged tool call was not executed');
    assert.deepEqual(await second.close(), { code: 0, signal: null });
    assert.equal(second.stderr, '');
  },
);
