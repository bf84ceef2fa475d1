import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { parseJson } from '@rkat/contracts';
import { withRawDatabase } from './raw-sqlite.js';
import { launchRealm, sessionsDatabasePath } from './storage-fixture.js';
import { scripted, SystemFixture } from './support.js';

// Reliability row 31 (schema-version-gate) through a real rkat-rpc, on the store package's frozen corpus:
// `v1/` (a session store written at format 1) and `realm-v1/` (a realm's manifest and config, written by
// rkat-rpc). Later formats must read them; unknown or newer formats must fail closed, untouched.
const FIXTURES = fileURLToPath(new URL('../../../../store/test/fixtures/', import.meta.url));

let fixture: SystemFixture;

before(async () => {
  fixture = await SystemFixture.start();
});

after(async () => {
  await fixture.stop();
});

interface Expected {
  sessions: {
    sessionId: string;
    archived: boolean;
    pending: boolean;
    messageCount: number;
    usage: Record<string, number>;
  }[];
}

// `total_tokens` of a summary: input plus output (cache tokens are not added).
const totalTokens = (usage: Record<string, number>): number =>
  (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);

/** Lays the frozen realm out under the state root as realm `realm`: manifest, config and the v1 store. */
async function frozenRealm(realm: string): Promise<string> {
  const directory = join(fixture.stateRoot, realm);
  await mkdir(directory, { recursive: true });
  for (const name of ['config.toml', 'config_state.json']) {
    await copyFile(join(FIXTURES, 'realm-v1', name), join(directory, name));
  }
  const manifest = parseJson(await readFile(join(FIXTURES, 'realm-v1', 'realm_manifest.json'), 'utf8'));
  assert.ok(manifest.ok);
  // The manifest names its realm; the frozen one is `fixture-realm`.
  await writeFile(
    join(directory, 'realm_manifest.json'),
    JSON.stringify({ ...(manifest.value as object), realm_id: realm }),
  );
  await copyFile(join(FIXTURES, 'v1', 'sessions.sqlite3'), sessionsDatabasePath(fixture, realm));
  return directory;
}

void test(
  'R31 schema-version-gate: the frozen v1 realm opens on the current code; config and listing read back as written',
  {
    timeout: 60_000,
  },
  async () => {
    const realm = 'r31-frozen';
    await frozenRealm(realm);
    const expectedJson = parseJson(await readFile(join(FIXTURES, 'v1', 'expected.json'), 'utf8'));
    assert.ok(expectedJson.ok);
    const expected = expectedJson.value as Expected;
    const client = launchRealm(fixture, realm);
    const config = await client.call<{
      config: { agent: { max_tokens_per_turn: number }; retry: { max_retries: number } };
      generation: number;
    }>('config/get', {});
    assert.deepEqual(
      [config.config.agent.max_tokens_per_turn, config.config.retry.max_retries, config.generation],
      [4096, 5, 1],
      'the frozen config.toml and its generation load as written',
    );
    type Summary = { session_id: string; message_count: number; updated_at: number; total_tokens: number };
    const listed = await client.call<{ sessions: Summary[] }>('session/list', {});
    // session/list shows every non-archived session (01 §6.2), pending ones first. The fixture's ids are
    // not UUIDs (it was written through the store API), so the id-taking methods refuse them at the
    // protocol edge; the store's own migrations test reads its transcripts back message by message.
    assert.deepEqual(
      listed.sessions.map((session) => [session.session_id, session.message_count, session.total_tokens]),
      expected.sessions
        .filter((session) => !session.archived)
        .sort((left, right) => Number(right.pending) - Number(left.pending))
        .map((session) => [session.sessionId, session.messageCount, totalTokens(session.usage)]),
    );
    // The opened (and migrated) realm takes new sessions and turns.
    const created = await client.call<{ session_id: string; text: string }>('session/create', {
      prompt: scripted([{ text: 'after the upgrade' }]),
    });
    assert.equal(created.text, 'after the upgrade');
    const again = await client.call<{ sessions: Summary[] }>('session/list', {});
    assert.equal(again.sessions.length, listed.sessions.length + 1);
    assert.equal((await client.close()).code, 0);
  },
);

const sha256 = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

for (const [name, damage, refusal] of [
  [
    'a newer format version',
    "UPDATE schema_meta SET value = '999' WHERE key = 'format_version'",
    /session store format version 999 is newer than this build supports/,
  ],
  [
    'a missing format version',
    "DELETE FROM schema_meta WHERE key = 'format_version'",
    /schema_meta has no valid format_version/,
  ],
  [
    'an unreadable format version',
    "UPDATE schema_meta SET value = 'v2-beta' WHERE key = 'format_version'",
    /schema_meta has no valid format_version/,
  ],
  [
    'no version table at all',
    'DROP TABLE schema_meta',
    /database has tables but no schema_meta: unknown format/,
  ],
] as const) {
  void test(
    `R31 schema-version-gate: ${name} fails closed at realm open and leaves the file untouched`,
    {
      timeout: 60_000,
    },
    async () => {
      const realm = `r31-${name.replace(/[^a-z]+/g, '-')}`;
      const directory = await frozenRealm(realm);
      const path = sessionsDatabasePath(fixture, realm);
      withRawDatabase(path, (db) => db.prepare(damage).run());
      const before = await sha256(path);
      const filesBefore = (await readdir(directory)).sort();
      const client = launchRealm(fixture, realm);
      const exit = await client.exited;
      assert.equal(exit.code, 1, client.stderr);
      assert.match(client.stderr, refusal);
      assert.equal(client.messages.length, 0, 'nothing was served');
      assert.equal(await sha256(path), before, 'the store file was not rewritten');
      assert.deepEqual(
        (await readdir(directory)).filter((file) => !file.startsWith('leases')).sort(),
        filesBefore,
        'no journal or other file was left next to it',
      );
    },
  );
}

void test(
  'R31 schema-version-gate: a realm manifest of an unknown backend fails closed, nothing rewritten',
  {
    timeout: 60_000,
  },
  async () => {
    const realm = 'r31-unknown-backend';
    const directory = await frozenRealm(realm);
    const manifestPath = join(directory, 'realm_manifest.json');
    const manifest = parseJson(await readFile(manifestPath, 'utf8'));
    assert.ok(manifest.ok);
    await writeFile(manifestPath, JSON.stringify({ ...(manifest.value as object), backend: 'postgres_v9' }));
    const before = await Promise.all([sha256(manifestPath), sha256(sessionsDatabasePath(fixture, realm))]);
    const client = launchRealm(fixture, realm);
    assert.equal((await client.exited).code, 1, client.stderr);
    assert.match(client.stderr, /realm manifest .*realm_manifest\.json is unreadable: .*backend/);
    assert.deepEqual(
      await Promise.all([sha256(manifestPath), sha256(sessionsDatabasePath(fixture, realm))]),
      before,
    );
  },
);
