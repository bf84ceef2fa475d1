import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ClaimOwner, SessionClaims } from '@rkat/core';
import { MemorySessionClaims, openSqliteSessionClaims } from '../../src/index.js';
import { fixturePath } from '../support/fixtures.js';
import { makeTempDir } from '../support/temp-dir.js';

const TIMEOUT = { timeout: 10_000 };
const alice: ClaimOwner = { ownerId: 'owner-a', instanceId: 'instance-a', pid: 101 };
const bob: ClaimOwner = { ownerId: 'owner-b', instanceId: 'instance-b', pid: 202 };

type Open = () => Promise<{ claims: SessionClaims; cleanup: () => Promise<void> }>;

const implementations: [string, Open][] = [
  ['memory', async () => ({ claims: new MemorySessionClaims(), cleanup: async () => {} })],
  [
    'sqlite',
    async () => {
      const { dir, cleanup } = await makeTempDir();
      const claims = await openSqliteSessionClaims({ path: join(dir, 'sessions.sqlite3') });
      return { claims, cleanup: async () => (await claims.close(), await cleanup()) };
    },
  ],
];

for (const [name, open] of implementations) {
  void test(`${name} claims: one holder; busy until released, expired or taken over`, TIMEOUT, async () => {
    const { claims, cleanup } = await open();
    try {
      const taken = await claims.acquireClaim({ sessionId: 's', owner: alice, nowMs: 0, expiresAtMs: 100 });
      assert.deepEqual(taken, { acquired: true });
      const busy = await claims.acquireClaim({ sessionId: 's', owner: bob, nowMs: 50, expiresAtMs: 150 });
      assert.equal(busy.acquired, false);
      assert.deepEqual(busy.acquired ? undefined : busy.holder, {
        ...alice,
        sessionId: 's',
        claimedAtMs: 0,
        expiresAtMs: 100,
      });
      // Another session is independent.
      assert.equal(
        (await claims.acquireClaim({ sessionId: 't', owner: bob, nowMs: 50, expiresAtMs: 150 })).acquired,
        true,
      );
      // Renewal keeps it past the first expiry; a non-holder cannot renew or release it.
      assert.equal(await claims.renewClaim('s', alice.ownerId, 200), true);
      assert.equal(await claims.renewClaim('s', bob.ownerId, 900), false);
      await claims.releaseClaim('s', bob.ownerId);
      assert.equal(
        (await claims.acquireClaim({ sessionId: 's', owner: bob, nowMs: 150, expiresAtMs: 250 })).acquired,
        false,
      );
      // Expired: taken, and the replaced claim is reported.
      const expired = await claims.acquireClaim({ sessionId: 's', owner: bob, nowMs: 200, expiresAtMs: 300 });
      assert.equal(expired.acquired, true);
      assert.equal(expired.acquired && expired.replaced?.ownerId, alice.ownerId);
      assert.equal(await claims.renewClaim('s', alice.ownerId, 999), false, 'alice lost it');
      // Taken over from a holder verified gone, before expiry; a wrong takeOverFrom changes nothing.
      assert.equal(
        (
          await claims.acquireClaim({
            sessionId: 's',
            owner: alice,
            nowMs: 210,
            expiresAtMs: 310,
            takeOverFrom: 'someone-else',
          })
        ).acquired,
        false,
      );
      const takeover = await claims.acquireClaim({
        sessionId: 's',
        owner: alice,
        nowMs: 210,
        expiresAtMs: 310,
        takeOverFrom: bob.ownerId,
      });
      assert.equal(takeover.acquired, true);
      assert.equal((await claims.readClaim('s'))?.ownerId, alice.ownerId);
      await claims.releaseClaim('s', alice.ownerId);
      assert.equal(await claims.readClaim('s'), undefined);
      assert.deepEqual(
        await claims.acquireClaim({ sessionId: 's', owner: bob, nowMs: 220, expiresAtMs: 320 }),
        { acquired: true },
      );
      await claims.close();
      await assert.rejects(claims.readClaim('s'), /closed/);
    } finally {
      await cleanup();
    }
  });
}

void test(
  'R7 concurrent-turns-one-session: two sqlite connections racing for one session: exactly one wins',
  TIMEOUT,
  async () => {
    const { dir, cleanup } = await makeTempDir();
    const path = join(dir, 'sessions.sqlite3');
    const first = await openSqliteSessionClaims({ path });
    const second = await openSqliteSessionClaims({ path });
    try {
      for (let round = 0; round < 20; round += 1) {
        const sessionId = `session-${round}`;
        const outcomes = await Promise.all([
          first.acquireClaim({ sessionId, owner: alice, nowMs: round, expiresAtMs: round + 1000 }),
          second.acquireClaim({ sessionId, owner: bob, nowMs: round, expiresAtMs: round + 1000 }),
        ]);
        assert.equal(outcomes.filter((outcome) => outcome.acquired).length, 1, sessionId);
      }
    } finally {
      await first.close();
      await second.close();
      await cleanup();
    }
  },
);

void test('the frozen v1 fixture migrates to a format with session claims', TIMEOUT, async () => {
  const { dir, cleanup } = await makeTempDir();
  try {
    const path = join(dir, 'sessions.sqlite3');
    await copyFile(fixturePath('v1', 'sessions.sqlite3'), path);
    const claims = await openSqliteSessionClaims({ path });
    try {
      const owner = alice;
      assert.deepEqual(
        await claims.acquireClaim({ sessionId: 'fixture-full', owner, nowMs: 1, expiresAtMs: 2 }),
        { acquired: true },
      );
    } finally {
      await claims.close();
    }
  } finally {
    await cleanup();
  }
});
