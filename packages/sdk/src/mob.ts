import type { ContentInput } from '@rkat/contracts';
import type { MobMethods } from './client-mob-admin.js';
import type { AgentEventEnvelope, EventSubscription } from './event-subscription.js';
import type {
  AttributedMobEvent,
  MemberDeliveryReceipt,
  MemberSendOptions,
  MobEventsOptions,
  MobEventsResult,
  MobFlowStatus,
  MobHelperOptions,
  MobHelperResult,
  MobKickoffMemberSnapshot,
  MobKickoffWaitOptions,
  MobLifecycleAction,
  MobMember,
  MobMemberSnapshot,
  MobPeerTarget,
  MobRespawnResult,
  MobSpawnManyResultEntry,
  MobSpawnResult,
  MobStatus,
  SpawnManySpec,
  SpawnSpec,
} from './mob-types.js';

type HelperOptions = Pick<MobHelperOptions, 'agentIdentity' | 'roleName' | 'profileName'>;

/** One member of a mob (from `mob.member(id)`): deliver content, subscribe to its events. */
export class Member {
  /** @internal */
  constructor(
    private readonly client: MobMethods,
    readonly mobId: string,
    readonly agentIdentity: string,
  ) {}

  /** Delivers content to the member (`mob/member_send`). */
  send(content: ContentInput, options: MemberSendOptions = {}): Promise<MemberDeliveryReceipt> {
    return this.client.sendMobMemberContent(this.mobId, this.agentIdentity, content, options);
  }

  /** The member's events (`mob/stream_open`). */
  events(): Promise<EventSubscription<AgentEventEnvelope>> {
    return this.client.subscribeMobMemberEvents(this.mobId, this.agentIdentity);
  }
}

/**
 * A mob of agents (from `client.createMob(...)` or `client.mob(id)`); every method delegates to the client's
 * `mob/*` method of the same purpose.
 */
export class Mob {
  /** @internal */
  constructor(
    private readonly client: MobMethods,
    readonly mobId: string,
  ) {}

  /** The mob's status (`mob/status`). */
  status(): Promise<MobStatus> {
    return this.client.mobStatus(this.mobId);
  }

  /** Runs a lifecycle action (`mob/lifecycle`). */
  lifecycle(action: MobLifecycleAction): Promise<void> {
    return this.client.mobLifecycle(this.mobId, action);
  }

  /** Spawns a member (`mob/spawn`). */
  spawn(spec: SpawnSpec): Promise<MobSpawnResult> {
    return this.client.spawnMobMember(this.mobId, spec);
  }

  /** Spawns several members (`mob/spawn_many`). */
  spawnMany(specs: readonly SpawnManySpec[]): Promise<MobSpawnManyResultEntry[]> {
    return this.client.spawnMobMembers(this.mobId, specs);
  }

  /** Retires a member (`mob/retire`). */
  retire(agentIdentity: string): Promise<void> {
    return this.client.retireMobMember(this.mobId, agentIdentity);
  }

  /** Respawns a member (`mob/respawn`). */
  respawn(agentIdentity: string, initialMessage?: ContentInput): Promise<MobRespawnResult> {
    return this.client.respawnMobMember(this.mobId, agentIdentity, initialMessage);
  }

  /** Cancels a member's work at once (`mob/force_cancel`). */
  forceCancel(agentIdentity: string): Promise<void> {
    return this.client.forceCancelMobMember(this.mobId, agentIdentity);
  }

  /** A member's state (`mob/member_status`). */
  memberStatus(agentIdentity: string): Promise<MobMemberSnapshot> {
    return this.client.mobMemberStatus(this.mobId, agentIdentity);
  }

  /** Waits for kickoff (`mob/wait_kickoff`). */
  waitForKickoffComplete(options: MobKickoffWaitOptions = {}): Promise<MobKickoffMemberSnapshot[]> {
    return this.client.waitMobKickoff(this.mobId, options);
  }

  /** Waits until members are ready (`mob/wait_ready`). */
  waitForReady(options: MobKickoffWaitOptions = {}): Promise<MobKickoffMemberSnapshot[]> {
    return this.client.waitMobReady(this.mobId, options);
  }

  /** Spawns a helper and waits for its output (`mob/spawn_helper`). */
  spawnHelper(prompt: string, options: HelperOptions = {}): Promise<MobHelperResult> {
    return this.client.spawnMobHelper(this.mobId, prompt, options);
  }

  /** Forks a member into a helper (`mob/fork_helper`). */
  forkHelper(
    sourceMemberId: string,
    prompt: string,
    options: HelperOptions & { forkContext?: unknown } = {},
  ): Promise<MobHelperResult> {
    return this.client.forkMobHelper(this.mobId, sourceMemberId, prompt, options);
  }

  /** Wires a member to a peer (`mob/wire`). */
  wire(member: string, peer: MobPeerTarget): Promise<void> {
    return this.client.wireMobMembers(this.mobId, member, peer);
  }

  /** Unwires a member from a peer (`mob/unwire`). */
  unwire(member: string, peer: MobPeerTarget): Promise<void> {
    return this.client.unwireMobMembers(this.mobId, member, peer);
  }

  /** The members (`mob/members`). */
  listMembers(): Promise<MobMember[]> {
    return this.client.listMobMembers(this.mobId);
  }

  /** A handle for one member (no round trip). */
  member(agentIdentity: string): Member {
    return new Member(this.client, this.mobId, agentIdentity);
  }

  /** Stages system context for a member (`mob/append_system_context`). */
  appendSystemContext(
    agentIdentity: string,
    text: string,
    options: { source?: string; idempotencyKey?: string } = {},
  ): Promise<Record<string, unknown>> {
    return this.client.appendMobSystemContext(this.mobId, agentIdentity, text, options);
  }

  /** The flow ids (`mob/flows`). */
  listFlows(): Promise<string[]> {
    return this.client.listMobFlows(this.mobId);
  }

  /** Starts a flow run; its run id (`mob/flow_run`). */
  runFlow(flowId: string, params: Record<string, unknown> = {}): Promise<string> {
    return this.client.runMobFlow(this.mobId, flowId, params);
  }

  /** A flow run's state (`mob/flow_status`). */
  flowStatus(runId: string): Promise<MobFlowStatus | null> {
    return this.client.getMobFlowStatus(this.mobId, runId);
  }

  /** Cancels a flow run (`mob/flow_cancel`). */
  cancelFlow(runId: string): Promise<void> {
    return this.client.cancelMobFlow(this.mobId, runId);
  }

  /** One member's events (`mob/stream_open`). */
  subscribeMemberEvents(agentIdentity: string): Promise<EventSubscription<AgentEventEnvelope>> {
    return this.client.subscribeMobMemberEvents(this.mobId, agentIdentity);
  }

  /** Every member's events (`mob/stream_open`). */
  subscribeEvents(): Promise<EventSubscription<AttributedMobEvent>> {
    return this.client.subscribeMobEvents(this.mobId);
  }

  /** A page of the event history (`mob/events`). */
  readEvents(options: MobEventsOptions = {}): Promise<MobEventsResult> {
    return this.client.readMobEvents(this.mobId, options);
  }
}
