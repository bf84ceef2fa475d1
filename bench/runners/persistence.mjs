// Persistence through our full path: a session of M messages and S sessions are written directly through
// @rkat/store (SqliteSessionStore) into a temp realm, then a fresh `rkat-rpc` (driven by @rkat/sdk) times
//   resume: `session/read` + `turn/start` on the big session (one more turn: two model calls),
//   list:   `session/list` without a limit (every session in one response) and with `limit: 50`.
// node runners/persistence.mjs <messages> <sessions>; prints `RESULT {json}` like the other runners.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeerkatClient } from '../../packages/sdk/dist/src/index.js';
import { openSqliteSessionStore } from '../../packages/store/dist/src/index.js';
import { MODEL, PROMPT, RKAT_RPC, add } from './harness.mjs';

const messageTarget = Number(process.argv[2] ?? 10_000);
const sessionTarget = Number(process.argv[3] ?? 100_000);
// The bulk data is written on tmpfs when there is one (the store fsyncs every transaction), then the realm is
// copied to the ordinary temp directory where the timed part runs.
const buildRoot = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'rkat-bench-build-'));
const timedRoot = mkdtempSync(join(tmpdir(), 'rkat-bench-persist-'));
let stateRoot = buildRoot;
const env = { ...process.env, OPENAI_API_KEY: 'bench', RKAT_LOG: '' };
const ADD_SCHEMA = {
  type: 'object',
  properties: { a: { type: 'number' }, b: { type: 'number' } },
  required: ['a', 'b'],
};

async function connect() {
  const client = new MeerkatClient(RKAT_RPC);
  await client.tool('add', { description: 'Adds two numbers.', inputSchema: ADD_SCHEMA }, (args) =>
    add(args),
  );
  return client.connect({ realmId: 'bench', stateRoot, env });
}

const elapsed = async (work) => {
  const started = performance.now();
  const value = await work();
  return [performance.now() - started, value];
};

try {
  // 1. One real turn makes the realm and a template session (1 turn, counted by the orchestrator).
  const seeding = await connect();
  const template = await seeding.createSession(PROMPT, { model: MODEL, enableBuiltins: false });
  const templateId = template.id ?? template.sessionId;
  await seeding.close();

  // 2. Bulk data through the store API.
  const [buildMs, bigId] = await elapsed(async () => {
    const store = await openSqliteSessionStore({ path: join(stateRoot, 'bench', 'sessions.sqlite3') });
    const record = await store.getSession(templateId);
    const turn = await store.readMessages(templateId);
    const messagesOf = (count, tag) => {
      const out = [];
      for (let index = 0; out.length < count; index++) {
        const text = JSON.stringify(turn).replaceAll('"call_', `"${tag}_${index}_call_`);
        out.push(...JSON.parse(text));
      }
      return out.slice(0, count);
    };
    const now = Date.now();
    const big = { ...record, sessionId: crypto.randomUUID(), messageCount: messageTarget, updatedAtMs: now };
    await store.createSession(big, messagesOf(messageTarget, 'big'));
    const small = messagesOf(turn.length, 'small');
    for (let index = 0; index < sessionTarget; index++) {
      const at = now - 1000 - index;
      await store.createSession(
        {
          ...record,
          sessionId: crypto.randomUUID(),
          createdAtMs: at,
          updatedAtMs: at,
          messageCount: small.length,
        },
        small,
      );
    }
    await store.close();
    return big.sessionId;
  });

  // 3. Timed, in a fresh rkat-rpc.
  cpSync(buildRoot, timedRoot, { recursive: true });
  rmSync(buildRoot, { recursive: true, force: true });
  stateRoot = timedRoot;
  const [connectMs, client] = await elapsed(connect);
  const [readMs, info] = await elapsed(() => client.request('session/read', { session_id: bigId }));
  if (info.message_count !== messageTarget) throw new Error(`read ${JSON.stringify(info).slice(0, 200)}`);
  const [turnMs, result] = await elapsed(() =>
    client.request('turn/start', { session_id: bigId, prompt: PROMPT }),
  );
  if (!String(result.text).startsWith('tok0'))
    throw new Error(`turn ${JSON.stringify(result).slice(0, 200)}`);
  const [listAllMs, all] = await elapsed(() => client.request('session/list', {}));
  const listed = (all.sessions ?? all).length;
  if (listed !== sessionTarget + 2) throw new Error(`listed ${listed} sessions, wanted ${sessionTarget + 2}`);
  const [listPageMs] = await elapsed(() => client.request('session/list', { limit: 50 }));
  await client.close();
  process.stdout.write(
    `RESULT ${JSON.stringify({
      scenario: 'persistence',
      turns: 2,
      errors: 0,
      messages: messageTarget,
      sessions: sessionTarget + 2,
      buildMs,
      connectMs,
      readMs,
      turnMs,
      resumeMs: readMs + turnMs,
      listAllMs,
      listPageMs,
    })}\n`,
  );
} finally {
  rmSync(buildRoot, { recursive: true, force: true });
  rmSync(timedRoot, { recursive: true, force: true });
}
