import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Message, RpcClient } from './rpc-client.js';
import { withRawDatabase } from './raw-sqlite.js';
import { mountSmallFilesystem } from './small-filesystem.js';
import { launchRealm, readBack, runFailureClasses, sessionsDatabasePath } from './storage-fixture.js';
import { errorOf, scripted, SystemFixture } from './support.js';

// Reliability rows 29 (disk-full) and 30 (corrupt-row-isolation) through a real rkat-rpc. Disk full comes
// from a write fault injected through the test fault hook (RKAT_TEST_FAULT_WRITE) and from a real tmpfs
// that runs out of space, where the machine allows mounting one.
let fixture: SystemFixture;

before(async () => {
  fixture = await SystemFixture.start();
});

after(async () => {
  await fixture.stop();
});

interface History {
  message_count: number;
  messages: { role: string; content?: unknown }[];
}

/** Creates `count` sessions with one committed turn each in a fresh process, and closes that process. */
async function sessionsWithOneTurn(realm: string, count: number, stateRoot?: string): Promise<string[]> {
  const client = launchRealm(fixture, realm, stateRoot !== undefined ? { stateRoot } : {});
  const sessionIds: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const created = await client.call<{ session_id: string }>('session/create', {
      prompt: scripted([{ text: 'committed answer' }], 'first question'),
    });
    sessionIds.push(created.session_id);
  }
  assert.equal((await client.close()).code, 0);
  return sessionIds;
}

/** The injected-fault tests share one realm; its sessions are written once, by one process (spawns cost). */
const INJECTED_REALM = 'r29-injected';
let injectedSessions: Promise<string[]> | undefined;

async function injectedSession(index: number): Promise<string> {
  injectedSessions ??= sessionsWithOneTurn(INJECTED_REALM, 4);
  return (await injectedSessions)[index] as string;
}

/** Asserts the typed storage failure of a turn: -32603, a store commit failure, `run_failed` class `store`. */
function assertStoreFailure(client: RpcClient, sessionId: string, answer: Message, detail: RegExp): void {
  const error = errorOf(answer);
  assert.equal(error.code, -32603, JSON.stringify(error));
  assert.match(error.message, /^turn abandoned: store commit failed: commitBoundary: /);
  assert.match(error.message, detail);
  const data = error.data as { error?: { kind?: unknown; outcome?: unknown } };
  assert.deepEqual([data.error?.kind, data.error?.outcome], ['runtime_apply_failure', 'failed']);
  assert.deepEqual(runFailureClasses(client, sessionId), ['store']);
}

/** The rows behind a session, straight from the file: its messages, any trace of the failed turn, its inputs. */
function rowsOf(path: string, sessionId: string, marker: string): unknown {
  return withRawDatabase(
    path,
    (db) => ({
      messages: db.prepare('SELECT count(*) AS n FROM messages WHERE session_id = ?').get(sessionId),
      withMarker: db
        .prepare(
          "SELECT count(*) AS n FROM messages WHERE instr(body_json, ?) > 0 OR instr(body_json, 'lost answer') > 0",
        )
        .get(marker),
      recordedCount: db
        .prepare('SELECT message_count AS n FROM sessions WHERE session_id = ?')
        .get(sessionId),
      failedInput: db.prepare('SELECT state FROM inputs WHERE instr(content_json, ?) > 0').all(marker),
    }),
    { readonly: true },
  );
}

/**
 * After space returns: a new turn commits on top of the untouched prefix, and (with `relaunch`) a fresh
 * process reads the same transcript from disk.
 */
async function resumesOn(
  client: RpcClient,
  sessionId: string,
  committed: History,
  relaunch: (() => RpcClient) | undefined,
): Promise<void> {
  const resumed = await client.call<{ text: string }>('turn/start', {
    session_id: sessionId,
    prompt: scripted([{ text: 'after space returns' }], 'next question'),
  });
  assert.equal(resumed.text, 'after space returns');
  const history = await client.call<History>('session/history', { session_id: sessionId });
  assert.deepEqual(history.messages.slice(0, committed.message_count), committed.messages);
  assert.deepEqual(
    history.messages.slice(committed.message_count).map((message) => message.role),
    ['user', 'block_assistant'],
    'the failed turn left nothing behind in the transcript',
  );
  assert.equal((await client.close()).code, 0);
  if (relaunch === undefined) return;
  const fresh = relaunch();
  assert.deepEqual(await fresh.call('session/history', { session_id: sessionId }), history);
  assert.equal((await fresh.close()).code, 0);
}

for (const [index, [fault, detail, inputState]] of (
  [
    // Rejected by the store wrapper before SQLite sees the write.
    ['commitBoundary:1:enospc', /ENOSPC: no space left on device/, 'abandoned'],
    // Thrown inside the boundary's transaction after its message rows were inserted: they must roll back.
    ['commit:after-messages:1:full', /database or disk is full/, 'abandoned'],
    // The disk stays full for the failed input's `abandoned` state too: the input stays accepted for now.
    ['commitBoundary:1-2:full', /database or disk is full/, 'accepted'],
  ] as const
).entries()) {
  void test(
    `R29 disk-full: ${fault} fails the turn with a store error; last commit intact; resumes`,
    {
      timeout: 120_000,
    },
    async () => {
      const realm = INJECTED_REALM;
      const sessionId = await injectedSession(index);
      const client = launchRealm(fixture, realm, {
        env: { RKAT_TEST_FAULTS: '1', RKAT_TEST_FAULT_WRITE: fault },
      });
      const committed = (await readBack(client, sessionId)) as { history: History };
      const marker = `disk-full-${randomUUID()}`;
      const failed = await client.request('turn/start', {
        session_id: sessionId,
        prompt: scripted([{ text: 'lost answer' }], marker),
      });
      assertStoreFailure(client, sessionId, failed.message, detail);
      assert.deepEqual(
        await readBack(client, sessionId),
        committed,
        'the last committed state reads back unchanged',
      );
      assert.deepEqual(rowsOf(sessionsDatabasePath(fixture, realm), sessionId, marker), {
        messages: { n: 2 },
        withMarker: { n: 0 },
        recordedCount: { n: 2 },
        failedInput: [{ state: inputState }],
      });
      // One variant also proves the result durable across a restart (each spawn costs seconds of CPU).
      const relaunch = fault.startsWith('commit:') ? () => launchRealm(fixture, realm) : undefined;
      await resumesOn(client, sessionId, committed.history, relaunch);
      // The client was told the input was abandoned: it is recorded so, and never reached the model again.
      assert.deepEqual(rowsOf(sessionsDatabasePath(fixture, realm), sessionId, marker), {
        messages: { n: 4 },
        withMarker: { n: 0 },
        recordedCount: { n: 4 },
        failedInput: [{ state: 'abandoned' }],
      });
    },
  );
}

void test(
  'R29 disk-full: a real tmpfs runs out of space mid-turn; the turn fails typed, space returns, it resumes',
  {
    timeout: 120_000,
  },
  async (context) => {
    const filesystem = await mountSmallFilesystem(8 * 1024 * 1024);
    if (typeof filesystem === 'string') {
      context.skip(filesystem);
      return;
    }
    try {
      const realm = 'r29-tmpfs';
      const [sessionId] = (await sessionsWithOneTurn(realm, 1, filesystem.root)) as [string];
      const client = launchRealm(fixture, realm, { stateRoot: filesystem.root });
      const committed = (await readBack(client, sessionId)) as { history: History };
      const marker = `disk-full-${randomUUID()}`;
      const from = client.messages.length;
      const turn = client.start('turn/start', {
        session_id: sessionId,
        // Streamed slowly, so the disk is filled after the input was recorded and before the boundary commit.
        prompt: scripted([{ text: `lost answer ${'y'.repeat(400)}`, chunk: 8, delay_ms: 10 }], marker),
      });
      await client.waitFor(
        () =>
          client.messages
            .slice(from)
            .some(
              (message) =>
                message.method === 'session/event' &&
                (message.params?.event as { type?: unknown }).type === 'text_delta',
            ),
        'the first text_delta of the turn',
      );
      assert.ok((await filesystem.fill()) > 0);
      assertStoreFailure(
        client,
        sessionId,
        (await client.response(turn)).message,
        /database or disk is full/,
      );
      assert.deepEqual(
        await readBack(client, sessionId),
        committed,
        'the last committed state reads back unchanged',
      );
      const rows = rowsOf(sessionsDatabasePath(fixture, realm, filesystem.root), sessionId, marker) as Record<
        string,
        unknown
      >;
      assert.deepEqual([rows.messages, rows.withMarker, rows.recordedCount], [{ n: 2 }, { n: 0 }, { n: 2 }]);
      await filesystem.free();
      await resumesOn(client, sessionId, committed.history, () =>
        launchRealm(fixture, realm, { stateRoot: filesystem.root }),
      );
      // The full disk refused the failed input's `abandoned` state too; the next turn recorded it, and
      // never delivered that input to the model again (the client had been told it was abandoned).
      const after = rowsOf(
        sessionsDatabasePath(fixture, realm, filesystem.root),
        sessionId,
        marker,
      ) as Record<string, unknown>;
      assert.deepEqual([after.withMarker, after.failedInput], [{ n: 0 }, [{ state: 'abandoned' }]]);
    } finally {
      for (const client of fixture.clients) client.kill();
      await Promise.all(fixture.clients.map((client) => client.exited));
      await filesystem.unmount();
    }
  },
);

// Row 30 covers session, message and input rows; schedule rows do not exist yet (no schedule store).
void test(
  'R30 corrupt-row-isolation: one bad session, message and input row; listing and other sessions work, the bad row is named, nothing is deleted',
  {
    timeout: 120_000,
  },
  async () => {
    const realm = 'r30';
    const writer = launchRealm(fixture, realm);
    const [healthy, badSession, badMessage, badInput] = (await Promise.all(
      ['healthy', 'bad-session', 'bad-message', 'bad-input'].map(async (name) => {
        const created = await writer.call<{ session_id: string }>('session/create', {
          prompt: scripted([{ text: `answer ${name}` }], `question ${name}`),
        });
        return created.session_id;
      }),
    )) as [string, string, string, string];
    assert.equal((await writer.close()).code, 0);
    const path = sessionsDatabasePath(fixture, realm);
    const damage = [
      ["UPDATE sessions SET labels_json = '[1, 2' WHERE session_id = ?", badSession],
      [
        'UPDATE messages SET body_json = \'{"role": "user", "content": \' WHERE session_id = ? AND idx = 1',
        badMessage,
      ],
      [
        "INSERT INTO inputs (input_id, session_id, content_json, state, accepted_at_ms) VALUES ('r30-bad-input', ?, '{\"not\":\"content\"}', 'accepted', 1)",
        badInput,
      ],
    ] as const;
    const rows = (): unknown =>
      withRawDatabase(
        path,
        (db) => ({
          sessions: db.prepare('SELECT session_id, labels_json FROM sessions ORDER BY session_id').all(),
          messages: db
            .prepare('SELECT session_id, idx, body_json FROM messages ORDER BY session_id, idx')
            .all(),
          inputs: db
            .prepare('SELECT session_id, input_id, content_json, state FROM inputs ORDER BY input_id')
            .all(),
        }),
        { readonly: true },
      );
    withRawDatabase(path, (db) => damage.forEach(([sql, sessionId]) => db.prepare(sql).run(sessionId)));
    const damaged = rows();

    const client = launchRealm(fixture, realm);
    const listed = await client.call<{ sessions: { session_id: string }[] }>('session/list', {});
    assert.deepEqual(
      listed.sessions.map((session) => session.session_id).sort(),
      [healthy, badMessage, badInput].sort(),
      'the listing skips only the undecodable session row',
    );
    const named = async (method: string, params: Record<string, unknown>, row: string): Promise<void> => {
      const error = errorOf((await client.request(method, params)).message);
      assert.equal(error.code, -32603, `${method}: ${JSON.stringify(error)}`);
      assert.ok(error.message.includes(row), `${method}: "${error.message}" should name ${row}`);
      assert.match(error.message, /corrupt/);
    };
    await named('session/read', { session_id: badSession }, `session ${badSession} labels`);
    await named('session/history', { session_id: badMessage }, `session ${badMessage} message 1`);
    await named(
      'turn/start',
      { session_id: badInput, prompt: scripted([{ text: 'never' }]) },
      'input r30-bad-input',
    );

    const history = await client.call<History>('session/history', { session_id: healthy });
    assert.equal(history.message_count, 2);
    const next = await client.call<{ text: string }>('turn/start', {
      session_id: healthy,
      prompt: scripted([{ text: 'still fine' }]),
    });
    assert.equal(next.text, 'still fine');
    assert.equal((await client.close()).code, 0);

    // Every row of the damaged sessions is still there, byte for byte; only the healthy session moved on.
    const untouched = (snapshot: unknown): unknown =>
      Object.fromEntries(
        Object.entries(snapshot as Record<string, { session_id: string }[]>).map(([table, list]) => [
          table,
          list.filter((row) => row.session_id !== healthy),
        ]),
      );
    assert.deepEqual(untouched(rows()), untouched(damaged), 'nothing of the damaged sessions was deleted');
  },
);

void test(
  'the write fault hook is honoured only with RKAT_TEST_FAULTS=1, and a malformed spec refuses to start',
  {
    timeout: 60_000,
  },
  async () => {
    const realm = INJECTED_REALM;
    const sessionId = await injectedSession(3);
    const ungated = launchRealm(fixture, realm, { env: { RKAT_TEST_FAULT_WRITE: 'any:1:enospc' } });
    const turn = await ungated.call<{ text: string }>('turn/start', {
      session_id: sessionId,
      prompt: scripted([{ text: 'no fault without the gate' }]),
    });
    assert.equal(turn.text, 'no fault without the gate');
    assert.equal((await ungated.close()).code, 0);
    const malformed = launchRealm(fixture, realm, {
      env: { RKAT_TEST_FAULTS: '1', RKAT_TEST_FAULT_WRITE: 'commitBoundary:first:enospc' },
    });
    assert.equal((await malformed.exited).code, 1);
    assert.match(
      malformed.stderr,
      /write fault must be <.*>:<n>\[-<last>\]:<enospc\|full\|io>, got 'commitBoundary:first:enospc'/,
    );
  },
);
