import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Answer, RpcClient } from './rpc-client.js';
import { SystemFixture, errorOf, scripted } from './support.js';

// Reliability row 11 across two OS processes on one realm: they share only the realm's files and lock.
const REALM = 'config-race-realm';
let fixture: SystemFixture;
let first: RpcClient;
let second: RpcClient;

before(async () => {
  fixture = await SystemFixture.start();
  first = fixture.spawn(['--realm', REALM, '--instance', 'config-1']);
  second = fixture.spawn(['--realm', REALM, '--instance', 'config-2']);
});

after(async () => {
  await fixture.stop();
});

interface Envelope {
  generation: number;
  config: { max_tokens: number };
}

function maxTokensOf(body: unknown): unknown {
  return (body as { max_tokens?: unknown }).max_tokens;
}

void test(
  'R11 config-stale-generation: two processes patch one generation at once; exactly one wins, the other gets the typed conflict and its next session runs on the winning config',
  { timeout: 120_000 },
  async () => {
    const start = await first.call<Envelope>('config/get');
    assert.equal((await second.call<Envelope>('config/get')).generation, start.generation);

    const attempts: [RpcClient, number][] = [
      [first, 1111],
      [second, 2222],
      [first, 3333],
      [second, 4444],
    ];
    const answers: Answer[] = await Promise.all(
      attempts.map(([client, maxTokens]) =>
        client.request('config/patch', {
          patch: { max_tokens: maxTokens },
          expected_generation: start.generation,
        }),
      ),
    );
    const won = answers.filter((answer) => answer.message.error === undefined);
    assert.equal(won.length, 1, JSON.stringify(answers.map((answer) => answer.message)));
    const winner = (won[0]?.message.result ?? {}) as Envelope;
    assert.equal(winner.generation, start.generation + 1);
    for (const answer of answers.filter((candidate) => candidate !== won[0])) {
      const conflict = errorOf(answer.message);
      assert.deepEqual(
        [conflict.code, conflict.message],
        [-32602, `Generation conflict: expected ${start.generation}, current ${start.generation + 1}`],
      );
    }

    // Both processes read the winner, and a stale writer still changes nothing.
    for (const client of [first, second]) {
      const now = await client.call<Envelope>('config/get');
      assert.deepEqual(
        [now.generation, now.config.max_tokens],
        [winner.generation, winner.config.max_tokens],
      );
    }
    const stale = errorOf(
      (
        await second.request('config/set', {
          config: { ...winner.config, max_tokens: 9 },
          expected_generation: start.generation,
        })
      ).message,
    );
    assert.equal(stale.code, -32602);
    assert.equal((await first.call<Envelope>('config/get')).config.max_tokens, winner.config.max_tokens);

    // The next session built in either process sends the winning max_tokens to the provider.
    for (const [client, marker] of [
      [first, 'built-by-first'],
      [second, 'built-by-second'],
    ] as const) {
      fixture.fake.reset();
      await client.call('session/create', { prompt: scripted([{ text: 'ok' }], marker) });
      const bodies = fixture.fake.requests.map((request) => request.body);
      assert.equal(bodies.length, 1);
      assert.equal(maxTokensOf(bodies[0]), winner.config.max_tokens);
    }
  },
);
