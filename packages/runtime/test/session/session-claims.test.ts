import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ClaimOwner, SessionClaimRecord, SessionStore } from '@rkat/core';
import { MemorySessionClaims, MemorySessionStore } from '@rkat/store';
import { createBuiltinToolSource } from '@rkat/tools';
import { SessionService, normalizeRealmConfig, realmPaths } from '../../src/index.js';
import { claimHolderGone } from '../../src/realm/owner-liveness.js';
import { SessionOwnership } from '../../src/session/session-ownership.js';
import { ScriptedLlm, scriptedBindings, type ScriptedStep } from '../support/scripted-llm.js';
import { REALM, rejectsWith } from './session-harness.js';

// Reliability rows 1 and 7 inside the runtime: the cross-process session claim (two services standing
// for two processes on one store) and the recovery of inputs a dead run left accepted.

function service(
  store: SessionStore,
  claims: MemorySessionClaims,
  steps: ScriptedStep[],
  ownerId: string,
): { service: SessionService; llm: ScriptedLlm } {
  const llm = new ScriptedLlm(steps);
  const config = normalizeRealmConfig({});
  const tools = createBuiltinToolSource({ now: () => 0 });
  return {
    llm,
    service: new SessionService({
      realmId: REALM,
      store,
      currentConfig: () => config,
      providers: scriptedBindings(llm),
      toolsFor: () => tools,
      claims,
      claimOwner: { ownerId, instanceId: ownerId, pid: process.pid },
    }),
  };
}

function userTexts(messages: readonly { role: string; content?: unknown }[]): unknown[] {
  return messages.filter((message) => message.role === 'user').map((message) => message.content);
}

void test(
  'R7 concurrent-turns-one-session: two services on one store: busy while the other runs, then each turn sees the other one’s commits',
  { timeout: 10_000 },
  async () => {
    const store = new MemorySessionStore();
    const claims = new MemorySessionClaims();
    const a = service(store, claims, [{ text: 'one' }, { hang: true }, { text: 'three' }], 'owner-a');
    const b = service(store, claims, [{ text: 'two' }, { text: 'four' }], 'owner-b');
    const { sessionId } = await a.service.createSession({ prompt: 'p1' });
    assert.equal((await b.service.startTurn(sessionId, 'p2')).text, 'two');

    const running = a.service.startTurn(sessionId, 'p-interrupted');
    await a.llm.hanging;
    await assert.rejects(
      b.service.startTurn(sessionId, 'refused'),
      rejectsWith('SESSION_BUSY', `session is busy: ${sessionId}`),
    );
    assert.equal(await a.service.interrupt(sessionId), true);
    await assert.rejects(running, rejectsWith('REQUEST_CANCELLED', 'request cancelled'));
    assert.equal(await claims.readClaim(sessionId), undefined, 'released after the interrupt');

    assert.equal((await a.service.startTurn(sessionId, 'p3')).text, 'three');
    // B cached the session at its last turn; it reloads what A committed since.
    assert.equal((await b.service.startTurn(sessionId, 'p4')).text, 'four');
    assert.deepEqual(userTexts(b.llm.calls.at(-1)?.messages ?? []), ['p1', 'p2', 'p3', 'p4']);
    assert.equal((await store.getSession(sessionId))?.messageCount, 8);
    assert.deepEqual(await store.pendingInputs(sessionId), [], 'the interrupted input was settled');
    await Promise.all([a.service.close(), b.service.close()]);
  },
);

void test(
  'R1 crash-mid-stream-resume: an orphaned input is re-delivered once, before the new prompt, and consumed with that commit',
  { timeout: 10_000 },
  async () => {
    const store = new MemorySessionStore();
    const { service: svc, llm } = service(
      store,
      new MemorySessionClaims(),
      [{ text: 'one' }, { text: 'two' }, { text: 'three' }],
      'owner',
    );
    const { sessionId } = await svc.createSession({ prompt: 'first' });
    const firstAt = Date.parse(String((await store.readMessages(sessionId))[0]?.created_at));
    // A dead run accepted two inputs: one had committed its prompt, the other never reached the store.
    await store.recordInput({
      inputId: 'committed-before-the-crash',
      sessionId,
      content: 'first',
      state: 'accepted',
      acceptedAtMs: firstAt - 1,
    });
    await store.recordInput({
      inputId: 'lost-in-the-crash',
      sessionId,
      content: [{ type: 'text', text: 'lost prompt' }],
      state: 'accepted',
      acceptedAtMs: firstAt + 1,
    });
    assert.equal((await svc.startTurn(sessionId, 'new prompt')).text, 'two');
    assert.deepEqual(userTexts(llm.calls.at(-1)?.messages ?? []), [
      'first',
      [{ type: 'text', text: 'lost prompt' }],
      'new prompt',
    ]);
    assert.deepEqual(await store.pendingInputs(sessionId), []);
    assert.equal((await svc.startTurn(sessionId, 'later')).text, 'three');
    assert.deepEqual(userTexts(await store.readMessages(sessionId)), [
      'first',
      [{ type: 'text', text: 'lost prompt' }],
      'new prompt',
      'later',
    ]);
    await svc.close();
  },
);

const alice: ClaimOwner = { ownerId: 'alice', instanceId: 'alice', pid: process.pid };

void test(
  'R7 concurrent-turns-one-session: ownership: a live holder keeps the session; a gone one is taken over; a taken-over owner is told',
  { timeout: 10_000 },
  async () => {
    const claims = new MemorySessionClaims();
    let now = 1_000;
    const gone = new Set<string>();
    const ownership = (owner: ClaimOwner): SessionOwnership =>
      new SessionOwnership({
        claims,
        owner,
        now: () => now,
        holderGone: (holder: SessionClaimRecord) => Promise.resolve(gone.has(holder.ownerId)),
        ttlMs: 1_000,
        renewIntervalMs: 10,
      });
    const lost: Error[] = [];
    const held = await ownership(alice).take('s', (error) => lost.push(error));
    const bob = ownership({ ownerId: 'bob', instanceId: 'bob', pid: process.pid });
    await assert.rejects(
      bob.take('s', () => undefined),
      rejectsWith('SESSION_BUSY', 'session is busy: s'),
    );
    gone.add('alice');
    const taken = await bob.take('s', () => undefined);
    assert.equal((await claims.readClaim('s'))?.ownerId, 'bob');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(lost.length, 1, "alice's renewal found the claim gone");
    assert.match(lost[0]?.message ?? '', /taken over/);
    await held.release();
    assert.equal((await claims.readClaim('s'))?.ownerId, 'bob', "alice's release leaves bob's claim");
    await taken.release();
    // An expired claim needs no verdict on its holder.
    const carol = await ownership({ ownerId: 'carol', instanceId: 'carol', pid: process.pid }).take(
      't',
      () => undefined,
    );
    now += 5_000;
    gone.clear();
    await (await bob.take('t', () => undefined)).release();
    await carol.release();
  },
);

void test(
  'R1 crash-mid-stream-resume: claim holders are gone when their process is, or their lease is stale; never in this process',
  { timeout: 10_000 },
  async () => {
    const stateRoot = await mkdtemp(join(tmpdir(), 'rkat-claims-'));
    try {
      const paths = realmPaths(stateRoot, 'claims');
      const isGone = claimHolderGone(paths);
      const holder = (pid: number, instanceId = 'other'): SessionClaimRecord => ({
        sessionId: 's',
        ownerId: `${instanceId}/${pid}`,
        instanceId,
        pid,
        claimedAtMs: 0,
        expiresAtMs: Number.MAX_SAFE_INTEGER,
      });
      const finished = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
      const deadPid = Number(finished.stdout.toString());
      assert.equal(await isGone(holder(deadPid)), true, 'its process exited');
      assert.equal(await isGone(holder(process.pid)), false, 'this process');
      assert.equal(await isGone(holder(process.ppid)), false, 'alive, no lease: not known to be gone');
      await mkdir(paths.leasesDirectory, { recursive: true });
      const lease = { realm_id: 'claims', instance_id: 'other', surface: 'rkat-rpc', pid: process.ppid };
      await writeFile(
        join(paths.leasesDirectory, 'other.json'),
        JSON.stringify({ ...lease, started_at: 1, heartbeat_at: 1 }),
      );
      assert.equal(await isGone(holder(process.ppid)), true, 'its lease is stale');
      const fresh = Math.floor(Date.now() / 1000);
      await writeFile(
        join(paths.leasesDirectory, 'other.json'),
        JSON.stringify({ ...lease, started_at: fresh, heartbeat_at: fresh }),
      );
      assert.equal(await isGone(holder(process.ppid)), false, 'its lease is fresh');
    } finally {
      await rm(stateRoot, { recursive: true, force: true });
    }
  },
);
