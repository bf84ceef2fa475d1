import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Message, RpcClient } from './rpc-client.js';
import { launchRealm } from './storage-fixture.js';
import { scripted, SystemFixture } from './support.js';

// Reliability row 10 (sessions-under-load) through one real rkat-rpc: N sessions created and driven
// concurrently, a few turns each, against the fake provider. Latency and memory are measured in
// `bench/`; here the assertions are completeness, isolation and no errors.
const SESSIONS = 200;
const FOLLOW_UP_TURNS = 2;

let fixture: SystemFixture;

before(async () => {
  fixture = await SystemFixture.start();
});

after(async () => {
  await fixture.stop();
});

/**
 * Sends every request at once (pipelined on one stdin) and waits for all the answers with one waiter
 * that scans each line once, so 200 outstanding requests cost no more than one.
 */
async function sendAll(
  client: RpcClient,
  requests: { method: string; params: unknown }[],
): Promise<Message[]> {
  const ids = requests.map(({ method, params }) => client.start(method, params));
  const wanted = new Set<unknown>(ids);
  const answers = new Map<unknown, Message>();
  let cursor = 0;
  await client.waitFor(
    () => {
      for (; cursor < client.messages.length; cursor += 1) {
        const message = client.messages[cursor] as Message;
        if (message.method === undefined && wanted.has(message.id)) answers.set(message.id, message);
      }
      return answers.size === ids.length;
    },
    `${ids.length} answers`,
    90_000,
  );
  return ids.map((id) => answers.get(id) as Message);
}

function resultsOf<T>(answers: Message[], what: string): T[] {
  const failed = answers.filter((answer) => answer.error !== undefined);
  assert.deepEqual(
    failed.map((answer) => answer.error),
    [],
    `${what}: ${failed.length} failed`,
  );
  return answers.map((answer) => answer.result as T);
}

const reply = (marker: string, turn: number): string => `reply ${marker} t${turn}`;

void test(
  `R10 sessions-under-load: ${SESSIONS} concurrent sessions × ${FOLLOW_UP_TURNS + 1} turns complete, isolated, without errors`,
  {
    timeout: 180_000,
  },
  async () => {
    const realm = 'r10-load';
    const client = launchRealm(fixture, realm);
    const markers = Array.from({ length: SESSIONS }, (_, index) => `m${index}x${randomUUID().slice(0, 8)}`);
    const created = resultsOf<{ session_id: string; text: string }>(
      await sendAll(
        client,
        markers.map((marker) => ({
          method: 'session/create',
          params: { prompt: scripted([{ text: reply(marker, 0) }], `ask ${marker} t0`) },
        })),
      ),
      'session/create',
    );
    assert.deepEqual(
      created.map((result) => result.text),
      markers.map((marker) => reply(marker, 0)),
    );
    const sessionIds = created.map((result) => result.session_id);
    assert.equal(new Set(sessionIds).size, SESSIONS);

    // A second process reads the same realm while the first writes: WAL readers and the busy timeout
    // keep it from ever seeing SQLITE_BUSY.
    const reader = launchRealm(fixture, realm);
    for (let turn = 1; turn <= FOLLOW_UP_TURNS; turn += 1) {
      const reads = sendAll(
        reader,
        sessionIds
          .slice(0, 50)
          .map((sessionId) => ({ method: 'session/history', params: { session_id: sessionId } })),
      );
      const answers = await sendAll(
        client,
        sessionIds.map((sessionId, index) => ({
          method: 'turn/start',
          params: {
            session_id: sessionId,
            prompt: scripted(
              [{ text: reply(markers[index] as string, turn) }],
              `ask ${markers[index]} t${turn}`,
            ),
          },
        })),
      );
      const texts = resultsOf<{ text: string }>(answers, `turn ${turn}`).map((result) => result.text);
      assert.deepEqual(
        texts,
        markers.map((marker) => reply(marker, turn)),
      );
      resultsOf(await reads, `concurrent reads during turn ${turn}`);
    }

    const histories = resultsOf<{ message_count: number; messages: unknown[] }>(
      await sendAll(
        reader,
        sessionIds.map((sessionId) => ({ method: 'session/history', params: { session_id: sessionId } })),
      ),
      'session/history',
    );
    const allMarkers = /m\d+x[0-9a-f]{8}/g;
    histories.forEach((history, index) => {
      const own = markers[index] as string;
      assert.equal(history.message_count, 2 * (FOLLOW_UP_TURNS + 1), own);
      const seen = new Set(JSON.stringify(history.messages).match(allMarkers));
      assert.deepEqual([...seen], [own], `session ${index} holds only its own marker`);
    });
    assert.equal((await reader.close()).code, 0);
    assert.equal((await client.close()).code, 0);
    assert.doesNotMatch(client.stderr + reader.stderr, /SQLITE_BUSY|database is locked/);
  },
);
