import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { StandIn } from './support-stand-in.js';

// S35: the exact mob/* wire params and the result mapping, against a stand-in runtime that serves the family
// (the real rkat-rpc does not serve it yet; S25 checks the capability errors against it).
const RESULTS: Record<string, unknown> = {
  'mob/create': { mob_id: 'crew' },
  'mob/list': { mobs: [{ mob_id: 'crew', status: 'running' }] },
  'mob/status': { mob_id: 'crew', status: { running: {} } },
  'mob/members': { mob_id: 'crew', members: [{ agent_identity: 'alice', member_ref: 'r1', role: 'worker' }] },
  'mob/member_send': { mob_id: 'crew', agent_identity: 'alice', member_ref: 'r1', handling_mode: 'steer' },
  'mob/spawn': { mob_id: 'crew', agent_identity: 'alice', member_ref: 'r1' },
  'mob/spawn_many': {
    results: [
      { status: 'spawned', result: { agent_identity: 'bob', member_ref: 'r2' } },
      { status: 'failed', result: { cause: 'profile_not_found', message: 'no profile' } },
    ],
  },
  'mob/respawn': {
    status: 'topology_restore_failed',
    receipt: { identity: 'alice', member_ref: 'r3' },
    failed_peer_ids: ['bob'],
  },
  'mob/member_status': { status: 'idle', tokens_used: 5, is_final: false },
  'mob/wait_ready': {
    members: [{ agent_identity: 'alice', status: 'idle', tokens_used: 1, is_final: true }],
  },
  'mob/spawn_helper': { output: 'done', tokens_used: 3, member_ref: 'h1' },
  'mob/flows': { mob_id: 'crew', flows: ['triage'] },
  'mob/flow_run': { run_id: 'run-1' },
  'mob/flow_status': { run: { status: 'completed' } },
  'mob/profile/get': { not_found: true, name: 'ghost' },
  'mob/profile/delete': { name: 'p', deleted_revision: 2 },
  'mob/events': { events: [{ cursor: 1 }] },
  'mob/stream_open': { stream_id: 'stream-1', opened: true },
  'mob/submit_work': { mob_id: 'crew', work_ref: 'w1', member_ref: 'r1' },
  'mob/destroy': { mob_id: 'crew', ok: true, destroy_report: { retired: 1 } },
};

let standIn: StandIn;

before(async () => {
  standIn = await StandIn.start(
    [
      ...Object.keys(RESULTS),
      'mob/retire',
      'mob/wire',
      'mob/turn_start',
      'mob/fork_helper',
      'mob/lifecycle',
      'mob/stream_close',
    ],
    RESULTS,
  );
});

after(async () => {
  await standIn.stop();
});

async function sent(method: string, params: Record<string, unknown>): Promise<void> {
  assert.deepEqual(await standIn.last(), { method, params });
}

void test(
  'S35 mob handles build the wire params of 02 §1.3 and map the results',
  { timeout: 20_000 },
  async () => {
    const client = standIn.client;
    assert.equal(client.hasCapability('mob'), true);
    const mob = await client.createMob({ definition: { id: 'crew', profiles: { worker: { model: 'm' } } } });
    await sent('mob/create', { definition: { id: 'crew', profiles: { worker: { model: 'm' } } } });
    assert.equal(mob.mobId, 'crew');

    assert.deepEqual(await client.listMobs(), [{ mobId: 'crew', status: 'running' }]);
    assert.deepEqual(await mob.status(), { mobId: 'crew', status: 'running' });
    await sent('mob/status', { mob_id: 'crew' });

    const [member] = await mob.listMembers();
    assert.equal(member?.agentIdentity, 'alice');
    assert.equal(member?.memberRef, 'r1');
    assert.equal(member?.profile, 'worker');

    const receipt = await mob.member('alice').send('hi', { handlingMode: 'steer' });
    await sent('mob/member_send', {
      mob_id: 'crew',
      agent_identity: 'alice',
      content: 'hi',
      handling_mode: 'steer',
    });
    assert.deepEqual(receipt, { agentIdentity: 'alice', memberRef: 'r1', handlingMode: 'steer' });

    const spawned = await mob.spawn({
      profile: 'worker',
      agentIdentity: 'alice',
      labels: { team: 'a' },
      autoWireParent: true,
    });
    await sent('mob/spawn', {
      mob_id: 'crew',
      profile: 'worker',
      agent_identity: 'alice',
      labels: { team: 'a' },
      auto_wire_parent: true,
    });
    assert.deepEqual(spawned, { mobId: 'crew', agentIdentity: 'alice', memberRef: 'r1' });

    const many = await mob.spawnMany([{ profile: 'worker', agentIdentity: 'bob', initialMessage: 'go' }]);
    await sent('mob/spawn_many', {
      mob_id: 'crew',
      specs: [{ profile: 'worker', agent_identity: 'bob', initial_message: 'go' }],
    });
    assert.deepEqual(many, [
      { status: 'spawned', result: { agentIdentity: 'bob', memberRef: 'r2' } },
      { status: 'failed', result: { cause: 'profile_not_found', message: 'no profile' } },
    ]);

    assert.deepEqual(await mob.respawn('alice'), {
      status: 'topology_restore_failed',
      receipt: { agentIdentity: 'alice', memberRef: 'r3' },
      failedPeerIds: ['bob'],
    });
    await sent('mob/respawn', { mob_id: 'crew', agent_identity: 'alice' });

    await mob.retire('alice');
    await sent('mob/retire', { mob_id: 'crew', agent_identity: 'alice' });
    assert.deepEqual(await mob.memberStatus('alice'), { status: 'idle', tokensUsed: 5, isFinal: false });
    const ready = await mob.waitForReady({ memberIds: ['alice'], timeoutMs: 50 });
    await sent('mob/wait_ready', { mob_id: 'crew', member_ids: ['alice'], timeout_ms: 50 });
    assert.equal(ready[0]?.isFinal, true);

    const helper = await mob.spawnHelper('summarise', { agentIdentity: 'h', profileName: 'writer' });
    await sent('mob/spawn_helper', {
      mob_id: 'crew',
      prompt: 'summarise',
      agent_identity: 'h',
      role_name: 'writer',
    });
    assert.deepEqual(helper, { output: 'done', tokensUsed: 3, agentIdentity: 'h', memberRef: 'h1' });

    await assert.rejects(mob.forkHelper('alice', 'again'), { code: 'INVALID_RESPONSE' });
    await sent('mob/fork_helper', { mob_id: 'crew', source_member_id: 'alice', prompt: 'again' });

    await mob.wire('alice', 'bob');
    await sent('mob/wire', { mob_id: 'crew', member: 'alice', peer: { local: 'bob' } });
    await mob.lifecycle('stop');
    await sent('mob/lifecycle', { mob_id: 'crew', action: 'stop' });
  },
);

void test(
  'S35 mob flows, profiles, events, streams, work and member turns',
  { timeout: 20_000 },
  async () => {
    const client = standIn.client;
    const mob = client.mob('crew');
    assert.deepEqual(await mob.listFlows(), ['triage']);
    assert.equal(await mob.runFlow('triage'), 'run-1');
    await sent('mob/flow_run', { mob_id: 'crew', flow_id: 'triage', params: {} });
    assert.deepEqual(await mob.flowStatus('run-1'), { run: { status: 'completed' } });
    await sent('mob/flow_status', { mob_id: 'crew', run_id: 'run-1' });

    assert.deepEqual(await client.getMobProfile('ghost'), { notFound: true, name: 'ghost' });
    assert.deepEqual(await client.deleteMobProfile('p', 1), { name: 'p', deletedRevision: 2 });
    await sent('mob/profile/delete', { name: 'p', expected_revision: 1 });

    assert.deepEqual(await mob.readEvents(), { events: [{ cursor: 1 }] });
    await sent('mob/events', { mob_id: 'crew' });
    await mob.readEvents({ afterCursor: 4, limit: 10 });
    await sent('mob/events', { mob_id: 'crew', after_cursor: 4, limit: 10 });

    const subscription = await mob.subscribeMemberEvents('alice');
    await sent('mob/stream_open', { mob_id: 'crew', agent_identity: 'alice' });
    assert.equal(subscription.id, 'stream-1');
    await subscription.close();
    await sent('mob/stream_close', { stream_id: 'stream-1' });

    const work = await client.mobSubmitWork({ memberRef: 'r1', content: 'task', origin: 'internal' });
    await sent('mob/submit_work', { member_ref: 'r1', content: 'task', origin: 'internal' });
    assert.deepEqual(work, { mobId: 'crew', workRef: 'w1', memberRef: 'r1' });
    assert.deepEqual(await client.mobDestroy('crew'), {
      mobId: 'crew',
      ok: true,
      destroyReport: { retired: 1 },
    });

    await client.mobTurnStart('crew', 'alice', 'go', {
      flowToolOverlay: { allowedTools: ['search'] },
      skillRefs: [{ sourceUuid: 'u', skillName: 's' }],
      model: '',
      clearAuthBinding: true,
    });
    await sent('mob/turn_start', {
      mob_id: 'crew',
      agent_identity: 'alice',
      prompt: 'go',
      skill_refs: [{ kind: 'structured', source_uuid: 'u', skill_name: 's' }],
      flow_tool_overlay: { allowed_tools: ['search'] },
      clear_auth_binding: true,
    });
  },
);
