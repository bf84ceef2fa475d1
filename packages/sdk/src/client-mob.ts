import type { ContentInput } from '@rkat/contracts';
import { FamilyMethods } from './client-families.js';
import { isRecord } from './client-core.js';
import {
  parseDeliveryReceipt,
  parseHelperResult,
  parseMemberSnapshot,
  parseMobMember,
  parseRespawn,
  parseSpawnMany,
  parseWaitRows,
} from './mob-parse.js';
import type {
  MemberDeliveryReceipt,
  MemberSendOptions,
  MobEventsOptions,
  MobEventsResult,
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
  MobTurnStartOptions,
  SpawnManySpec,
  SpawnSpec,
} from './mob-types.js';
import { toWire, turnParams } from './wire-params.js';

const NONE: ReadonlySet<string> = new Set();

/** camelCase options → snake_case params, `undefined` left out. */
export function wireOptions(options: object): Record<string, unknown> {
  return toWire(options, NONE, NONE);
}

/** Mob member methods (`mob/*`); each raises `CapabilityUnavailableError` ('mob') while not served. */
export class MobMemberMethods extends FamilyMethods {
  /** The members of a mob (`mob/members`); each row needs `agent_identity` and `member_ref`. */
  async listMobMembers(mobId: string): Promise<MobMember[]> {
    const raw = await this.served('mob/members', { mob_id: mobId });
    return Array.isArray(raw.members) ? raw.members.filter(isRecord).map(parseMobMember) : [];
  }

  /** Delivers content to a member (`mob/member_send`; unset options omitted). */
  async sendMobMemberContent(
    mobId: string,
    agentIdentity: string,
    content: ContentInput,
    options: MemberSendOptions = {},
  ): Promise<MemberDeliveryReceipt> {
    const params = { mob_id: mobId, agent_identity: agentIdentity, content, ...wireOptions(options) };
    const raw = await this.served('mob/member_send', params);
    return parseDeliveryReceipt(raw, agentIdentity, options.handlingMode ?? 'queue');
  }

  /** Spawns a member (`mob/spawn`; the camelCase spec sent in snake_case). */
  async spawnMobMember(mobId: string, spec: SpawnSpec): Promise<MobSpawnResult> {
    const raw = await this.served('mob/spawn', { mob_id: mobId, ...wireOptions(spec) });
    return {
      mobId: typeof raw.mob_id === 'string' ? raw.mob_id : mobId,
      agentIdentity: String(raw.agent_identity ?? ''),
      memberRef: String(raw.member_ref ?? ''),
    };
  }

  /** Spawns several members (`mob/spawn_many`); strict rows. */
  async spawnMobMembers(mobId: string, specs: readonly SpawnManySpec[]): Promise<MobSpawnManyResultEntry[]> {
    const raw = await this.served('mob/spawn_many', { mob_id: mobId, specs: specs.map(wireOptions) });
    return parseSpawnMany(raw);
  }

  /** Retires a member (`mob/retire`). */
  async retireMobMember(mobId: string, agentIdentity: string): Promise<void> {
    await this.served('mob/retire', { mob_id: mobId, agent_identity: agentIdentity });
  }

  /** Cancels a member's work at once (`mob/force_cancel`). */
  async forceCancelMobMember(mobId: string, agentIdentity: string): Promise<void> {
    await this.served('mob/force_cancel', { mob_id: mobId, agent_identity: agentIdentity });
  }

  /** Respawns a member (`mob/respawn`). */
  async respawnMobMember(
    mobId: string,
    agentIdentity: string,
    initialMessage?: ContentInput,
  ): Promise<MobRespawnResult> {
    const params = wireOptions({ mobId, agentIdentity, initialMessage });
    return parseRespawn(await this.served('mob/respawn', params));
  }

  /** Runs a turn of a member (`mob/turn_start`); the raw run result. */
  async mobTurnStart(
    mobId: string,
    agentIdentity: string,
    prompt: ContentInput,
    options: MobTurnStartOptions = {},
  ): Promise<Record<string, unknown>> {
    const { clearProviderParams, authBinding, clearAuthBinding, ...turn } = options;
    const { session_id: _unused, ...params } = turnParams('', prompt, turn);
    const extra = wireOptions({ clearProviderParams, authBinding, clearAuthBinding });
    return this.served('mob/turn_start', {
      mob_id: mobId,
      agent_identity: agentIdentity,
      ...params,
      ...extra,
    });
  }

  /** A member's state (`mob/member_status`; lenient). */
  async mobMemberStatus(mobId: string, agentIdentity: string): Promise<MobMemberSnapshot> {
    return parseMemberSnapshot(
      await this.served('mob/member_status', { mob_id: mobId, agent_identity: agentIdentity }),
    );
  }

  /** Waits until members finished kickoff (`mob/wait_kickoff`). */
  async waitMobKickoff(
    mobId: string,
    options: MobKickoffWaitOptions = {},
  ): Promise<MobKickoffMemberSnapshot[]> {
    return parseWaitRows(
      'mob/wait_kickoff',
      await this.served('mob/wait_kickoff', { mob_id: mobId, ...wireOptions(options) }),
    );
  }

  /** Waits until members are ready (`mob/wait_ready`). */
  async waitMobReady(
    mobId: string,
    options: MobKickoffWaitOptions = {},
  ): Promise<MobKickoffMemberSnapshot[]> {
    return parseWaitRows(
      'mob/wait_ready',
      await this.served('mob/wait_ready', { mob_id: mobId, ...wireOptions(options) }),
    );
  }

  /** Alias of `waitMobKickoff`. */
  wait_mob_kickoff(mobId: string, options: MobKickoffWaitOptions = {}): Promise<MobKickoffMemberSnapshot[]> {
    return this.waitMobKickoff(mobId, options);
  }

  /** Alias of `waitMobReady`. */
  wait_mob_ready(mobId: string, options: MobKickoffWaitOptions = {}): Promise<MobKickoffMemberSnapshot[]> {
    return this.waitMobReady(mobId, options);
  }

  /** Spawns a helper and waits for its output (`mob/spawn_helper`; `role_name` = `roleName ?? profileName`). */
  async spawnMobHelper(
    mobId: string,
    prompt: string,
    options: MobHelperOptions = {},
  ): Promise<MobHelperResult> {
    const { profileName, roleName, ...rest } = options;
    const params = { mob_id: mobId, prompt, ...wireOptions({ ...rest, roleName: roleName ?? profileName }) };
    return parseHelperResult(
      'mob/spawn_helper',
      await this.served('mob/spawn_helper', params),
      options.agentIdentity,
    );
  }

  /** Forks a member into a helper (`mob/fork_helper`). */
  async forkMobHelper(
    mobId: string,
    sourceMemberId: string,
    prompt: string,
    options: MobHelperOptions & { forkContext?: unknown } = {},
  ): Promise<MobHelperResult> {
    const { profileName, roleName, ...rest } = options;
    const params = {
      mob_id: mobId,
      source_member_id: sourceMemberId,
      prompt,
      ...wireOptions({ ...rest, roleName: roleName ?? profileName }),
    };
    return parseHelperResult(
      'mob/fork_helper',
      await this.served('mob/fork_helper', params),
      options.agentIdentity,
    );
  }

  /** Wires a member to a peer (`mob/wire`; a string peer is `{local: peer}`). */
  async wireMobMembers(mobId: string, member: string, peer: MobPeerTarget): Promise<void> {
    await this.served('mob/wire', {
      mob_id: mobId,
      member,
      peer: typeof peer === 'string' ? { local: peer } : peer,
    });
  }

  /** Unwires a member from a peer (`mob/unwire`). */
  async unwireMobMembers(mobId: string, member: string, peer: MobPeerTarget): Promise<void> {
    await this.served('mob/unwire', {
      mob_id: mobId,
      member,
      peer: typeof peer === 'string' ? { local: peer } : peer,
    });
  }

  /** Runs a lifecycle action (`mob/lifecycle`). */
  async mobLifecycle(mobId: string, action: MobLifecycleAction): Promise<void> {
    await this.served('mob/lifecycle', { mob_id: mobId, action });
  }

  /** Stages system context for a member (`mob/append_system_context`); the raw result. */
  appendMobSystemContext(
    mobId: string,
    agentIdentity: string,
    text: string,
    options: { source?: string; idempotencyKey?: string } = {},
  ): Promise<Record<string, unknown>> {
    const params = { mob_id: mobId, agent_identity: agentIdentity, text, ...wireOptions(options) };
    return this.served('mob/append_system_context', params);
  }

  /** A page of the mob's event history (`mob/events`; unset keys omitted). */
  async readMobEvents(mobId: string, options: MobEventsOptions = {}): Promise<MobEventsResult> {
    const raw = await this.served('mob/events', { mob_id: mobId, ...wireOptions(options) });
    return { events: Array.isArray(raw.events) ? raw.events.filter(isRecord) : [] };
  }

  /** Ensures a member and delivers content in one call (`mob/ingress_interaction`, wire params). */
  mobIngressInteraction(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.served('mob/ingress_interaction', params);
  }
}
