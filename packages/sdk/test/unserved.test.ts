import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CapabilityUnavailableError, LiveChannel, type MeerkatClient } from '../src/index.js';
import { SdkFixture, scripted } from './support.js';

// The surface this runtime does not serve yet, against the real rkat-rpc: each call raises
// CapabilityUnavailableError naming the capability, before anything is sent. And EventStream.session.
let fixture: SdkFixture;
let client: MeerkatClient;

before(async () => {
  fixture = await SdkFixture.start();
  client = await fixture.connect({ realmId: 'sdk-unserved' });
});

after(async () => {
  await fixture.stop();
});

type Case = [string, () => Promise<unknown>];

async function expectUnavailable(cases: Case[], capability: string): Promise<void> {
  for (const [label, call] of cases) {
    await assert.rejects(
      call(),
      (error: unknown) => {
        assert.ok(error instanceof CapabilityUnavailableError, label);
        assert.equal(error.code, 'CAPABILITY_UNAVAILABLE', label);
        assert.equal(error.capabilityHint?.capability_id, capability, label);
        return true;
      },
      label,
    );
  }
}

void test(
  'S25 Mob and Member handles raise CapabilityUnavailableError (mob)',
  { timeout: 10_000 },
  async () => {
    assert.equal(client.methods.has('mob/status'), false);
    const mob = client.mob('crew');
    assert.equal(mob.mobId, 'crew');
    const member = mob.member('alice');
    assert.equal(member.agentIdentity, 'alice');
    assert.equal(member.mobId, 'crew');
    await expectUnavailable(
      [
        ['createMob', () => client.createMob({ definition: { id: 'crew', profiles: {} } })],
        ['listMobs', () => client.listMobs()],
        ['status', () => mob.status()],
        ['lifecycle', () => mob.lifecycle('stop')],
        ['spawn', () => mob.spawn({ profile: 'worker', agentIdentity: 'alice' })],
        ['spawnMany', () => mob.spawnMany([{ profile: 'worker', agentIdentity: 'bob' }])],
        ['retire', () => mob.retire('alice')],
        ['respawn', () => mob.respawn('alice')],
        ['forceCancel', () => mob.forceCancel('alice')],
        ['memberStatus', () => mob.memberStatus('alice')],
        ['waitForKickoffComplete', () => mob.waitForKickoffComplete()],
        ['waitForReady', () => mob.waitForReady({ timeoutMs: 10 })],
        ['spawnHelper', () => mob.spawnHelper('help')],
        ['forkHelper', () => mob.forkHelper('alice', 'help')],
        ['wire', () => mob.wire('alice', 'bob')],
        ['unwire', () => mob.unwire('alice', 'bob')],
        ['listMembers', () => mob.listMembers()],
        ['appendSystemContext', () => mob.appendSystemContext('alice', 'note')],
        ['listFlows', () => mob.listFlows()],
        ['runFlow', () => mob.runFlow('f')],
        ['flowStatus', () => mob.flowStatus('r')],
        ['cancelFlow', () => mob.cancelFlow('r')],
        ['subscribeEvents', () => mob.subscribeEvents()],
        ['subscribeMemberEvents', () => mob.subscribeMemberEvents('alice')],
        ['readEvents', () => mob.readEvents()],
        ['member.send', () => member.send('hi')],
        ['member.events', () => member.events()],
        ['mobTurnStart', () => client.mobTurnStart('crew', 'alice', 'go')],
        ['mobIngressInteraction', () => client.mobIngressInteraction({ mob_id: 'crew' })],
        ['createMobProfile', () => client.createMobProfile('p', {})],
        ['getMobProfile', () => client.getMobProfile('p')],
        ['listMobProfiles', () => client.listMobProfiles()],
        ['updateMobProfile', () => client.updateMobProfile('p', {}, 1)],
        ['deleteMobProfile', () => client.deleteMobProfile('p', 1)],
        ['mobSnapshot', () => client.mobSnapshot('crew')],
        ['mobDestroy', () => client.mobDestroy('crew')],
        ['mobRotateSupervisor', () => client.mobRotateSupervisor('crew')],
        ['mobSubmitWork', () => client.mobSubmitWork({ memberRef: 'r', content: 'x' })],
        ['mobCancelWork', () => client.mobCancelWork('crew', 'w')],
        ['mobCancelAllWork', () => client.mobCancelAllWork({ memberRef: 'r' })],
        ['mobEnsureMember', () => client.mobEnsureMember('crew', {})],
        ['mobReconcile', () => client.mobReconcile('crew', [])],
        ['mobListMembersMatching', () => client.mobListMembersMatching('crew', {})],
      ],
      'mob',
    );
  },
);

void test(
  'S26 schedule methods raise CapabilityUnavailableError (schedule)',
  { timeout: 10_000 },
  async () => {
    const trigger = { type: 'once', due_at_utc: '2030-01-01T00:00:00Z' };
    await expectUnavailable(
      [
        ['createSchedule', () => client.createSchedule({ trigger, target: {} })],
        ['getSchedule', () => client.getSchedule('s')],
        ['listSchedules', () => client.listSchedules({ limit: 1 })],
        ['updateSchedule', () => client.updateSchedule({ scheduleId: 's', update: { name: 'n' } })],
        ['pauseSchedule', () => client.pauseSchedule('s')],
        ['resumeSchedule', () => client.resumeSchedule('s')],
        ['deleteSchedule', () => client.deleteSchedule('s')],
        ['listScheduleOccurrences', () => client.listScheduleOccurrences('s')],
        ['listScheduleTools', () => client.listScheduleTools()],
        ['callScheduleTool', () => client.callScheduleTool({ name: 'schedule_list' })],
      ],
      'schedule',
    );
  },
);

void test(
  'S27 LiveChannel and live methods raise CapabilityUnavailableError (live)',
  { timeout: 30_000 },
  async () => {
    const session = await client.createSession(scripted([{ text: 'ok' }]));
    const channel = LiveChannel.session(client, session.id, { turningMode: 'explicit_commit' });
    assert.equal(channel.channelId, undefined);
    await assert.rejects(channel.sendInputText('hi'), /LiveChannel has not been opened yet/);
    const ids = { channel_id: 'c' };
    await expectUnavailable(
      [
        ['open', () => channel.open()],
        ['liveWebrtcAnswer', () => client.liveWebrtcAnswer({ ...ids, token: 't', offer_sdp: 'v=0' })],
        ['liveStatus', () => client.liveStatus(ids)],
        ['liveRefresh', () => client.liveRefresh(ids)],
        ['liveClose', () => client.liveClose(ids)],
        ['liveSendInput', () => client.liveSendInput({ ...ids, chunk: { kind: 'text', text: 'x' } })],
        ['liveCommitInput', () => client.liveCommitInput(ids)],
        ['liveInterrupt', () => client.liveInterrupt(ids)],
        [
          'liveTruncate',
          () => client.liveTruncate({ ...ids, item_id: 'i', content_index: 0, audio_played_ms: 1 }),
        ],
        ['liveSendInputImage', () => client.liveSendInputImage('c', 'image/png', 'AA==')],
        ['liveSendInputVideoFrame', () => client.liveSendInputVideoFrame('c', 'vp8', 'AA==', 5)],
      ],
      'live',
    );
    assert.equal(channel.channelId, undefined);
  },
);

void test(
  'S28 runtime, approval, artifact, events and auth methods name their capability',
  { timeout: 10_000 },
  async () => {
    await expectUnavailable(
      [
        ['getRuntimeHostInfo', () => client.getRuntimeHostInfo()],
        ['getRuntimeHostCapabilities', () => client.getRuntimeHostCapabilities()],
        ['getRuntimeHostHealth', () => client.getRuntimeHostHealth()],
      ],
      'runtime_host',
    );
    await expectUnavailable(
      [
        ['requestApproval', () => client.requestApproval({})],
        ['listApprovals', () => client.listApprovals()],
        ['getApproval', () => client.getApproval({ approval_id: 'a' })],
        ['decideApproval', () => client.decideApproval({ approval_id: 'a' })],
      ],
      'approvals',
    );
    await expectUnavailable(
      [
        ['listArtifacts', () => client.listArtifacts()],
        ['getArtifact', () => client.getArtifact({})],
        ['downloadArtifact', () => client.downloadArtifact({})],
      ],
      'artifacts',
    );
    await expectUnavailable(
      [
        ['latestEventCursor', () => client.latestEventCursor({})],
        ['listEventsSince', () => client.listEventsSince({})],
        ['eventSnapshot', () => client.eventSnapshot({})],
      ],
      'event_replay',
    );
    await expectUnavailable(
      [
        ['authProfileList', () => client.authProfileList('r')],
        ['authProfileGet', () => client.authProfileGet('r', 'b')],
        ['authProfileCreate', () => client.authProfileCreate({})],
        ['authProfileDelete', () => client.authProfileDelete('r', 'b', 'p')],
        ['authLoginStart', () => client.authLoginStart({ provider: 'anthropic' })],
        ['authLoginComplete', () => client.authLoginComplete({})],
        ['authLoginDeviceStart', () => client.authLoginDeviceStart({})],
        ['authLoginDeviceComplete', () => client.authLoginDeviceComplete({})],
        ['authLoginProvisionApiKey', () => client.authLoginProvisionApiKey({})],
        ['authStatusGet', () => client.authStatusGet('r', 'b')],
        ['authLogout', () => client.authLogout('r', 'b')],
      ],
      'auth',
    );
  },
);

void test(
  'S29 Session / DeferredSession comms and ingress methods name their capability',
  { timeout: 30_000 },
  async () => {
    const session = await client.createSession(scripted([{ text: 'ok' }]));
    const deferred = await client.createDeferredSession('later');
    await expectUnavailable(
      [
        ['send', () => session.send({ kind: 'input', body: 'hi' })],
        ['peers', () => session.peers()],
        ['sendPeerResponseTerminal', () => session.sendPeerResponseTerminal('p', 'q', 'completed', {})],
        [
          'deferred.sendPeerResponseTerminal',
          () => deferred.sendPeerResponseTerminal('p', 'q', 'failed', {}),
        ],
      ],
      'comms',
    );
    await expectUnavailable(
      [
        ['sendExternalEvent', () => session.sendExternalEvent('ping', {})],
        ['deferred.sendExternalEvent', () => deferred.sendExternalEvent('ping', {})],
      ],
      'external_events',
    );
    await expectUnavailable(
      [['deferred.injectContext', () => deferred.injectContext('note')]],
      'session_ingress',
    );
  },
);

void test(
  'S41 EventStream.session: a streamed create yields a Session that runs the next turn',
  { timeout: 30_000 },
  async () => {
    const stream = client.createSessionStreaming(scripted([{ text: 'first' }]));
    assert.throws(() => stream.session, { code: 'STREAM_NOT_CONSUMED' });
    const result = await stream.collect();
    const session = stream.session;
    assert.equal(session.id, result.sessionId);
    assert.equal(session.text, 'first');
    assert.equal(stream.session, session);
    const next = await session.turn(scripted([{ text: 'second' }]));
    assert.equal(next.text, 'second');
    assert.equal(session.turns, next.turns);
  },
);
