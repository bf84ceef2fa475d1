import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  LiveChannel,
  MeerkatClient,
  answerLiveWebrtcOffer,
  type BridgeCommand,
  type CommsCommand,
  isLiveWebrtcBootstrap,
  liveWebrtcMediaConstraints,
  type LiveWebrtcOfferDescription,
} from '../src/index.js';
import { StandIn } from './support-stand-in.js';

// S36–S38, S43: the exact schedule/*, live/* runtime/approval/artifact/events/auth and comms/* wire params, against a
// stand-in runtime that serves them (S26–S28 check the capability errors against the real rkat-rpc).
const SCHEDULE = {
  schedule_id: 's1',
  phase: 'active',
  revision: { '0': 2 },
  trigger: { type: 'once', due_at_utc: '2030-01-01T00:00:00Z' },
  target: { target_kind: 'session' },
  overlap_policy: 'skip_if_running',
  planning_horizon_days: 30,
};
const WEBRTC = { transport: 'webrtc', token: 'tok', answer_method: 'live/webrtc/answer', http_url: null };
const RESULTS: Record<string, unknown> = {
  'schedule/create': SCHEDULE,
  'schedule/update': SCHEDULE,
  'schedule/list': { schedules: [SCHEDULE] },
  'schedule/occurrences': {
    occurrences: [{ occurrence_id: 'o1', schedule_id: 's1', due_at_utc: 'x', phase: 'pending' }],
  },
  'live/open': { channel_id: 'ch1', transport: WEBRTC, capabilities: {}, continuity: { mode: 'fresh' } },
  'live/webrtc/answer': { answer_sdp: 'v=0 answer' },
  'live/refresh': { refresh_enqueued: true, status: 'queued' },
  'session/fork_at': { source_session_id: 's1', session_id: 's2', message_count: 2 },
  'session/fork_replace': { source_session_id: 's1', session_id: 's3', message_count: 1 },
  'comms/send': {
    kind: 'peer_request_sent',
    envelope_id: 'e1',
    interaction_id: 'i1',
    request_id: 'r1',
    stream_reserved: false,
  },
  'comms/peers': { peers: [{ name: 'bob', peer_id: 'p-bob' }] },
};
const OTHERS = [
  'schedule/call',
  'live/send_input',
  'live/commit_input',
  'live/truncate',
  'live/close',
  'auth/profile/get',
  'auth/status/get',
  'approval/list',
  'runtime/health',
];

let standIn: StandIn;
let client: MeerkatClient;

before(async () => {
  standIn = await StandIn.start([...Object.keys(RESULTS), ...OTHERS], RESULTS);
  client = standIn.client;
});

after(async () => {
  await standIn.stop();
});

async function sent(method: string, params: Record<string, unknown>): Promise<void> {
  assert.deepEqual(await standIn.last(), { method, params });
}

void test(
  'S36 schedules: camelCase requests go out in snake_case; results parsed',
  { timeout: 20_000 },
  async () => {
    const schedule = await client.createSchedule({
      name: 'nightly',
      trigger: SCHEDULE.trigger,
      target: SCHEDULE.target,
      overlapPolicy: 'allow_concurrent',
      planningHorizonDays: 7,
    });
    await sent('schedule/create', {
      name: 'nightly',
      trigger: SCHEDULE.trigger,
      target: SCHEDULE.target,
      overlap_policy: 'allow_concurrent',
      planning_horizon_days: 7,
    });
    assert.equal(schedule.scheduleId, 's1');
    assert.equal(schedule.revision, 2);
    assert.equal(schedule.overlapPolicy, 'skip_if_running');
    assert.deepEqual(schedule.labels, {});

    await client.updateSchedule({ scheduleId: 's1', update: { expectedRevision: 2, name: 'n' } });
    await sent('schedule/update', { schedule_id: 's1', expected_revision: 2, name: 'n' });
    const listed = await client.listSchedules({ labels: { env: 'dev' }, limit: 5 });
    await sent('schedule/list', { labels: { env: 'dev' }, limit: 5 });
    assert.deepEqual(
      listed.map((row) => row.scheduleId),
      ['s1'],
    );
    const { occurrences } = await client.listScheduleOccurrences('s1', { includeTerminal: false });
    await sent('schedule/occurrences', { schedule_id: 's1', include_terminal: false });
    assert.equal(occurrences[0]?.occurrenceId, 'o1');
    assert.equal(occurrences[0]?.dueAtUtc, 'x');
    await client.callScheduleTool({ name: 'schedule_list' });
    await sent('schedule/call', { name: 'schedule_list', arguments: {} });
  },
);

void test(
  'S37 LiveChannel and the WebRTC answer helper build the live/* params',
  { timeout: 20_000 },
  async () => {
    const channel = LiveChannel.session(client, 'sess-1', {
      turningMode: 'explicit_commit',
      transport: 'webrtc',
    });
    const opened = await channel.open();
    await sent('live/open', { session_id: 'sess-1', turning_mode: 'explicit_commit', transport: 'webrtc' });
    assert.equal(channel.channelId, 'ch1');
    await channel.sendInputAudio('AAAA', 24_000, 1);
    await sent('live/send_input', {
      channel_id: 'ch1',
      chunk: { kind: 'audio', data: 'AAAA', sample_rate_hz: 24_000, channels: 1 },
    });
    await channel.sendInputVideoFrame('vp8', 'BB==', 40);
    await sent('live/send_input', {
      channel_id: 'ch1',
      chunk: { kind: 'video_frame', codec: 'vp8', data: 'BB==', timestamp_ms: 40 },
    });
    await channel.commitInput('text');
    await sent('live/commit_input', { channel_id: 'ch1', response_modality: { modality: 'text' } });
    await channel.commitInput();
    await sent('live/commit_input', { channel_id: 'ch1' });
    await channel.truncate('item-1', 0, 1500);
    await sent('live/truncate', {
      channel_id: 'ch1',
      item_id: 'item-1',
      content_index: 0,
      audio_played_ms: 1500,
    });
    assert.deepEqual(await channel.refresh(), { refresh_enqueued: true, status: 'queued' });

    assert.ok(isLiveWebrtcBootstrap(opened.transport));
    const calls: string[] = [];
    const peer = {
      createOffer: (): Promise<LiveWebrtcOfferDescription> =>
        Promise.resolve({ type: 'offer', sdp: 'v=0 offer' }),
      setLocalDescription: (description: LiveWebrtcOfferDescription): Promise<void> => {
        calls.push(`local:${description.sdp ?? ''}`);
        return Promise.resolve();
      },
      setRemoteDescription: (description: { type: 'answer'; sdp: string }): Promise<void> => {
        calls.push(`remote:${description.type}:${description.sdp}`);
        return Promise.resolve();
      },
    };
    if (!isLiveWebrtcBootstrap(opened.transport)) return;
    assert.equal(await answerLiveWebrtcOffer(client, 'ch1', opened.transport, peer), 'v=0 answer');
    await sent('live/webrtc/answer', { channel_id: 'ch1', token: 'tok', offer_sdp: 'v=0 offer' });
    assert.deepEqual(calls, ['local:v=0 offer', 'remote:answer:v=0 answer']);
    const empty = { ...peer, createOffer: () => Promise.resolve({ type: 'offer', sdp: '' }) };
    await assert.rejects(answerLiveWebrtcOffer(client, 'ch1', opened.transport, empty), /no SDP/);
    assert.deepEqual(
      liveWebrtcMediaConstraints({ noiseSuppression: false, extraAudio: { channelCount: 1 } }),
      {
        audio: { echoCancellation: true, noiseSuppression: false, autoGainControl: true, channelCount: 1 },
        video: false,
      },
    );
    await channel.close();
    await sent('live/close', { channel_id: 'ch1' });
    assert.throws(() => MeerkatClient.parseLiveObservation({ kind: 'x' }), { code: 'INVALID_RESPONSE' });
    assert.deepEqual(MeerkatClient.parseLiveObservation({ observation: 'ready' }), { observation: 'ready' });
  },
);

void test(
  'S38 runtime, approval, auth (profile_id rules) and fork params; retired runtime controls',
  { timeout: 20_000 },
  async () => {
    await client.getRuntimeHostHealth();
    await sent('runtime/health', {});
    await client.listApprovals();
    await sent('approval/list', {});
    await client.authProfileGet('r', 'b', '');
    await sent('auth/profile/get', { realm_id: 'r', binding_id: 'b' });
    await client.authProfileGet('r', 'b', 'p');
    await sent('auth/profile/get', { realm_id: 'r', binding_id: 'b', profile_id: 'p' });
    await client.authStatusGet('r', 'b', '');
    await sent('auth/status/get', { realm_id: 'r', binding_id: 'b', profile_id: '' });
    await client.authStatusGet('r', 'b');
    await sent('auth/status/get', { realm_id: 'r', binding_id: 'b' });
    await client.session('s1').forkAt(2, { runningBehavior: 'reject' });
    await sent('session/fork_at', { session_id: 's1', message_index: 2, running_behavior: 'reject' });
    const forked = await client.forkSessionReplace('s1', 0, {
      type: 'user_content_block',
      blockIndex: 0,
      block: { type: 'text', text: 'x' },
    });
    await sent('session/fork_replace', {
      session_id: 's1',
      message_index: 0,
      replacement: { type: 'user_content_block', block_index: 0, block: { type: 'text', text: 'x' } },
    });
    assert.equal(forked.sessionId, 's3');
    await assert.rejects(client._runtimeStatus({ session_id: 's1' }), { code: 'METHOD_NOT_FOUND' });
    assert.deepEqual(await standIn.last(), {
      method: 'session/fork_replace',
      params: {
        session_id: 's1',
        message_index: 0,
        replacement: { type: 'user_content_block', block_index: 0, block: { type: 'text', text: 'x' } },
      },
    });
  },
);

const SUPERVISOR = { address: 'inproc://sup', name: 'sup', peer_id: 'p-sup' };

void test(
  'S43 typed comms commands: every CommsCommand variant goes out as given next to session_id',
  { timeout: 20_000 },
  async () => {
    const bridge: BridgeCommand = {
      command: 'deliver_member_input',
      epoch: 3,
      protocol_version: 1,
      supervisor: SUPERVISOR,
      content: [{ type: 'text', text: 'do it' }],
      handling_mode: 'steer',
      input_id: 'in-1',
    };
    const commands: CommsCommand[] = [
      {
        kind: 'input',
        body: 'hello',
        source: 'webhook',
        stream: 'reserve_interaction',
        allow_self_session: true,
      },
      {
        kind: 'peer_message',
        to: 'p-bob',
        body: 'hi',
        blocks: [{ type: 'text', text: 'hi' }],
        handling_mode: 'queue',
      },
      {
        kind: 'peer_lifecycle',
        to: 'p-bob',
        lifecycle_kind: 'mob.peer_added',
        params: { peer: 'carol', role: 'w' },
      },
      {
        kind: 'peer_request',
        to: 'p-bob',
        intent: 'checksum_token',
        params: { subject: 'abc' },
        stream: 'none',
      },
      { kind: 'peer_request', to: 'p-bob', intent: 'supervisor.bridge', params: bridge },
      { kind: 'peer_response', to: 'p-bob', in_reply_to: 'r0', status: 'completed', result: { token: 't' } },
    ];
    const session = client.session('s1');
    for (const command of commands) {
      const receipt = await session.send(command);
      await sent('comms/send', { session_id: 's1', ...command });
      assert.equal(receipt.kind, 'peer_request_sent');
      assert.equal(receipt.requestId, 'r1');
      assert.equal(receipt.interactionId, 'i1');
      assert.equal(receipt.envelope_id, 'e1');
    }
    // A caller's own `session_id` (untyped JS) never redirects the command to another session.
    const stray = { kind: 'input', body: 'x', session_id: 'other' } as unknown as CommsCommand;
    await client._send('s1', stray);
    await sent('comms/send', { session_id: 's1', kind: 'input', body: 'x' });
    assert.deepEqual(await session.peers(), [{ name: 'bob', peer_id: 'p-bob' }]);
    await sent('comms/peers', { session_id: 's1' });
    assert.deepEqual(await client._peers('s1'), { peers: [{ name: 'bob', peer_id: 'p-bob' }] });

    // The unions are closed: these do not compile (checked by `tsc -b`, never run).
    const rejected = (): CommsCommand[] => [
      // @ts-expect-error a checksum_token request takes {subject}, not a BridgeCommand
      { kind: 'peer_request', to: 'p', intent: 'checksum_token', params: bridge },
      // @ts-expect-error a supervisor.bridge request takes a BridgeCommand
      { kind: 'peer_request', to: 'p', intent: 'supervisor.bridge', params: { subject: 'abc' } },
      // @ts-expect-error unknown kind
      { kind: 'broadcast', body: 'x' },
      // @ts-expect-error peer_message needs `to`
      { kind: 'peer_message', body: 'x' },
      // @ts-expect-error peer_response status is accepted | completed | failed
      { kind: 'peer_response', to: 'p', in_reply_to: 'r', status: 'done' },
      // @ts-expect-error lifecycle kinds are closed
      { kind: 'peer_lifecycle', to: 'p', lifecycle_kind: 'mob.unknown' },
    ];
    assert.equal(typeof rejected, 'function');
  },
);
