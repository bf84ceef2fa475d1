import type { ContentInput } from '@rkat/contracts';
import { isRecord } from './client-core.js';
import { MobMemberMethods, wireOptions } from './client-mob.js';
import {
  parseAttributedMobEvent,
  type AgentEventEnvelope,
  type EventSubscription,
} from './event-subscription.js';
import { MeerkatError } from './errors.js';
import { Mob } from './mob.js';
import { parseMobProfileLookup } from './mob-parse.js';
import type {
  AttributedMobEvent,
  MobCreateOptions,
  MobFlowStatus,
  MobProfile,
  MobProfileDeleteResult,
  MobProfileLookupResult,
  MobStatus,
  MobSummary,
} from './mob-types.js';

/** Mobs, profiles, flows, mob streams and work (`mob/*`); each raises `CapabilityUnavailableError` ('mob') while not served. */
export class MobMethods extends MobMemberMethods {
  /** Creates a mob (`mob/create`; `requireCapability('mob')` first; `options` sent unchanged). */
  async createMob(options: MobCreateOptions): Promise<Mob> {
    this.requireCapability('mob');
    const raw = await this.served('mob/create', { ...options });
    return new Mob(this, typeof raw.mob_id === 'string' ? raw.mob_id : '');
  }

  /** A `Mob` handle for a known id (no round trip). */
  mob(mobId: string): Mob {
    return new Mob(this, mobId);
  }

  /** The realm's mobs (`mob/list`; `requireCapability('mob')` first). */
  async listMobs(): Promise<MobSummary[]> {
    this.requireCapability('mob');
    const raw = await this.served('mob/list', {});
    const mobs = Array.isArray(raw.mobs) ? raw.mobs.filter(isRecord) : [];
    return mobs.map((mob) => ({ mobId: String(mob.mob_id ?? ''), status: String(mob.status ?? '') }));
  }

  /** A mob's status (`mob/status`; an object status is reduced to its first key). */
  async mobStatus(mobId: string): Promise<MobStatus> {
    const raw = await this.served('mob/status', { mob_id: mobId });
    const status = isRecord(raw.status) ? (Object.keys(raw.status)[0] ?? '') : raw.status;
    if (typeof status !== 'string' || status === '') {
      throw new MeerkatError('INVALID_RESPONSE', 'Invalid mob/status response: no status', raw);
    }
    return { mobId: typeof raw.mob_id === 'string' && raw.mob_id ? raw.mob_id : mobId, status };
  }

  /** Stores a realm mob profile (`mob/profile/create`). */
  async createMobProfile(name: string, profile: MobProfile): Promise<MobProfileLookupResult> {
    return parseMobProfileLookup(await this.served('mob/profile/create', { name, profile }));
  }

  /** A realm mob profile (`mob/profile/get`; `notFound: true` when absent). */
  async getMobProfile(name: string): Promise<MobProfileLookupResult> {
    return parseMobProfileLookup(await this.served('mob/profile/get', { name }));
  }

  /** The realm's mob profiles (`mob/profile/list`). */
  async listMobProfiles(): Promise<MobProfileLookupResult[]> {
    const raw = await this.served('mob/profile/list', {});
    return Array.isArray(raw.profiles) ? raw.profiles.map(parseMobProfileLookup) : [];
  }

  /** Replaces a realm mob profile at `expectedRevision` (`mob/profile/update`). */
  async updateMobProfile(
    name: string,
    profile: MobProfile,
    expectedRevision: number,
  ): Promise<MobProfileLookupResult> {
    const params = { name, profile, expected_revision: expectedRevision };
    return parseMobProfileLookup(await this.served('mob/profile/update', params));
  }

  /** Deletes a realm mob profile at `expectedRevision` (`mob/profile/delete`). */
  async deleteMobProfile(name: string, expectedRevision: number): Promise<MobProfileDeleteResult> {
    const raw = await this.served('mob/profile/delete', { name, expected_revision: expectedRevision });
    return { name: String(raw.name ?? name), deletedRevision: Number(raw.deleted_revision ?? 0) };
  }

  /** The flow ids of a mob (`mob/flows`). */
  async listMobFlows(mobId: string): Promise<string[]> {
    const raw = await this.served('mob/flows', { mob_id: mobId });
    return Array.isArray(raw.flows) ? raw.flows.map(String) : [];
  }

  /** Starts a flow run (`mob/flow_run`); its run id. */
  async runMobFlow(mobId: string, flowId: string, params: Record<string, unknown> = {}): Promise<string> {
    const raw = await this.served('mob/flow_run', { mob_id: mobId, flow_id: flowId, params });
    return String(raw.run_id ?? '');
  }

  /** A flow run's state (`mob/flow_status`), wrapped in `{run}`; `null` when the result is not an object. */
  async getMobFlowStatus(mobId: string, runId: string): Promise<MobFlowStatus | null> {
    const raw = await this.requestServed('mob/flow_status', { mob_id: mobId, run_id: runId });
    if (!isRecord(raw)) return null;
    return { run: isRecord(raw.run) ? raw.run : null };
  }

  /** Cancels a flow run (`mob/flow_cancel`). */
  async cancelMobFlow(mobId: string, runId: string): Promise<void> {
    await this.served('mob/flow_cancel', { mob_id: mobId, run_id: runId });
  }

  /** Every member's events (`mob/stream_open {mob_id}`), attributed to the member and its profile. */
  async subscribeMobEvents(mobId: string): Promise<EventSubscription<AttributedMobEvent>> {
    this.assertServed('mob/stream_open');
    return this.openSubscription(mobId, 'mob', { mob_id: mobId }, parseAttributedMobEvent);
  }

  /** One member's events (`mob/stream_open {mob_id, agent_identity}`). */
  async subscribeMobMemberEvents(
    mobId: string,
    agentIdentity: string,
  ): Promise<EventSubscription<AgentEventEnvelope>> {
    this.assertServed('mob/stream_open');
    return this.openSubscription(mobId, 'mob', { mob_id: mobId, agent_identity: agentIdentity });
  }

  /** The mob's roster (`mob/snapshot`), mapped to `{mobId, status, members}`. */
  async mobSnapshot(mobId: string): Promise<{ mobId: string; status: unknown; members: unknown[] }> {
    const raw = await this.served('mob/snapshot', { mob_id: mobId });
    return {
      mobId: String(raw.mob_id ?? mobId),
      status: raw.status,
      members: Array.isArray(raw.members) ? raw.members : [],
    };
  }

  /** Destroys a mob (`mob/destroy`), mapped to `{mobId, ok, destroyReport}`. */
  async mobDestroy(mobId: string): Promise<{ mobId: string; ok: boolean; destroyReport: unknown }> {
    const raw = await this.served('mob/destroy', { mob_id: mobId });
    return { mobId: String(raw.mob_id ?? mobId), ok: raw.ok === true, destroyReport: raw.destroy_report };
  }

  /** Rotates the mob's supervisor (`mob/rotate_supervisor`), raw. */
  mobRotateSupervisor(mobId: string): Promise<Record<string, unknown>> {
    return this.served('mob/rotate_supervisor', { mob_id: mobId });
  }

  /** Submits work to a member (`mob/submit_work`), mapped to `{mobId, workRef, memberRef}`. */
  async mobSubmitWork(request: {
    memberRef: string;
    content: ContentInput;
    workRef?: string;
    origin?: 'external' | 'internal';
  }): Promise<{ mobId: string; workRef: string; memberRef: string }> {
    const raw = await this.served('mob/submit_work', wireOptions(request));
    return {
      mobId: String(raw.mob_id ?? ''),
      workRef: String(raw.work_ref ?? ''),
      memberRef: String(raw.member_ref ?? ''),
    };
  }

  /** Cancels one work item (`mob/cancel_work`). */
  async mobCancelWork(mobId: string, workRef: string): Promise<{ ok: boolean }> {
    const raw = await this.served('mob/cancel_work', { mob_id: mobId, work_ref: workRef });
    return { ok: raw.ok === true };
  }

  /** Cancels a member's work (`mob/cancel_all_work`). */
  async mobCancelAllWork(request: { memberRef: string }): Promise<{ ok: boolean }> {
    const raw = await this.served('mob/cancel_all_work', { member_ref: request.memberRef });
    return { ok: raw.ok === true };
  }

  /** Spawns a member unless it exists (`mob/ensure_member`, wire-shaped spec), raw. */
  mobEnsureMember(mobId: string, spec: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.served('mob/ensure_member', { mob_id: mobId, spec });
  }

  /** Reconciles the roster with `desired` (`mob/reconcile`; `options` only when given), raw. */
  mobReconcile(
    mobId: string,
    desired: readonly Record<string, unknown>[],
    options?: { retire_stale?: boolean },
  ): Promise<Record<string, unknown>> {
    return this.served('mob/reconcile', {
      mob_id: mobId,
      desired,
      ...(options !== undefined ? { options } : {}),
    });
  }

  /** Members matching a filter (`mob/list_members_matching`, wire-shaped filter), raw. */
  mobListMembersMatching(mobId: string, filter: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.served('mob/list_members_matching', { mob_id: mobId, filter });
  }
}
