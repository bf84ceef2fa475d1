import { camelKeys } from './camel-case.js';
import { isRecord } from './client-core.js';
import { MeerkatError } from './errors.js';
import type {
  MemberDeliveryReceipt,
  MobHelperResult,
  MobKickoffMemberSnapshot,
  MobMember,
  MobMemberSnapshot,
  MobProfileLookupResult,
  MobRespawnResult,
  MobSpawnManyResultEntry,
} from './mob-types.js';

function invalid(method: string, why: string, raw: unknown): MeerkatError {
  return new MeerkatError('INVALID_RESPONSE', `Invalid ${method} response: ${why}`, raw);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A `mob/members` row; `agent_identity` and `member_ref` must be non-empty. */
export function parseMobMember(raw: unknown): MobMember {
  const row = isRecord(raw) ? raw : {};
  if (!text(row.agent_identity) || !text(row.member_ref)) {
    throw invalid('mob/members', 'a member needs agent_identity and member_ref', raw);
  }
  const { profile_name: profileName, role, ...rest } = row;
  const profile = [profileName, rest.profile, role].find((value) => typeof value === 'string' && value);
  return { ...camelKeys(rest), profile: text(profile) } as unknown as MobMember;
}

/** A `mob/member_status` result, lenient (`status` "unknown", `tokensUsed` 0 when missing). */
export function parseMemberSnapshot(raw: unknown): MobMemberSnapshot {
  const row = isRecord(raw) ? raw : {};
  return {
    ...camelKeys(row),
    status: text(row.status) || 'unknown',
    tokensUsed: typeof row.tokens_used === 'number' ? row.tokens_used : 0,
    isFinal: row.is_final === true,
  } as unknown as MobMemberSnapshot;
}

/** The rows of `mob/wait_kickoff` / `mob/wait_ready`, strict: `agent_identity`, `status`, numbers, booleans. */
export function parseWaitRows(method: string, raw: unknown): MobKickoffMemberSnapshot[] {
  const rows = isRecord(raw) && Array.isArray(raw.members) ? raw.members : undefined;
  if (!rows) throw invalid(method, 'members is not a list', raw);
  return rows.map((row: unknown) => {
    const wire = isRecord(row) ? row : {};
    if (!text(wire.agent_identity) || !text(wire.status))
      throw invalid(method, 'a row needs agent_identity and status', raw);
    if (typeof wire.tokens_used !== 'number' || typeof wire.is_final !== 'boolean') {
      throw invalid(method, 'a row needs numeric tokens_used and boolean is_final', raw);
    }
    return camelKeys(wire) as unknown as MobKickoffMemberSnapshot;
  });
}

/** The receipt of `mob/member_send`; `agentIdentity` falls back to the argument. */
export function parseDeliveryReceipt(
  raw: unknown,
  agentIdentity: string,
  handlingMode: 'queue' | 'steer',
): MemberDeliveryReceipt {
  const wire = isRecord(raw) ? raw : {};
  const mode =
    wire.handling_mode === 'queue' || wire.handling_mode === 'steer' ? wire.handling_mode : handlingMode;
  return {
    agentIdentity: text(wire.agent_identity) || agentIdentity,
    memberRef: text(wire.member_ref),
    handlingMode: mode,
  };
}

/** The rows of `mob/spawn_many`, strict (exactly `status` and `result`). */
export function parseSpawnMany(raw: unknown): MobSpawnManyResultEntry[] {
  const rows = isRecord(raw) && Array.isArray(raw.results) ? raw.results : undefined;
  if (!rows) throw invalid('mob/spawn_many', 'results is not a list', raw);
  return rows.map((row: unknown): MobSpawnManyResultEntry => {
    const wire = isRecord(row) ? row : {};
    const extra = Object.keys(wire).filter((key) => key !== 'status' && key !== 'result');
    const result = isRecord(wire.result) ? wire.result : undefined;
    if (extra.length > 0 || !result)
      throw invalid('mob/spawn_many', 'a row must be exactly {status, result}', raw);
    if (wire.status === 'spawned' && text(result.agent_identity) && text(result.member_ref)) {
      return {
        status: 'spawned',
        result: { agentIdentity: text(result.agent_identity), memberRef: text(result.member_ref) },
      };
    }
    if (wire.status === 'failed' && text(result.cause) && text(result.message)) {
      return { status: 'failed', result: { cause: text(result.cause), message: text(result.message) } };
    }
    throw invalid('mob/spawn_many', 'a row is neither spawned nor failed', raw);
  });
}

/** The result of `mob/respawn`; a missing `receipt` is `INVALID_RESPONSE`. */
export function parseRespawn(raw: unknown): MobRespawnResult {
  const wire = isRecord(raw) ? raw : {};
  if (!isRecord(wire.receipt)) throw invalid('mob/respawn', 'no receipt', raw);
  const identity = text(wire.receipt.identity);
  return {
    status: wire.status === 'topology_restore_failed' ? 'topology_restore_failed' : 'completed',
    receipt: { ...(identity ? { agentIdentity: identity } : {}), memberRef: text(wire.receipt.member_ref) },
    failedPeerIds: Array.isArray(wire.failed_peer_ids) ? wire.failed_peer_ids.map(String) : [],
  };
}

/** The result of `mob/spawn_helper` / `mob/fork_helper`; no identity at all is `INVALID_RESPONSE`. */
export function parseHelperResult(method: string, raw: unknown, agentIdentity?: string): MobHelperResult {
  const wire = isRecord(raw) ? raw : {};
  const identity = text(wire.agent_identity) || agentIdentity || '';
  if (!identity) throw invalid(method, 'no agent_identity', raw);
  return {
    output: typeof wire.output === 'string' ? wire.output : null,
    tokensUsed: typeof wire.tokens_used === 'number' ? wire.tokens_used : 0,
    agentIdentity: identity,
    memberRef: text(wire.member_ref),
  };
}

/** A `mob/profile/*` result; `{not_found: true, name}` becomes `{notFound: true, name}`. */
export function parseMobProfileLookup(raw: unknown): MobProfileLookupResult {
  const wire = isRecord(raw) ? raw : {};
  const { not_found: notFound, ...rest } = wire;
  return { ...camelKeys(rest), notFound: notFound === true, name: text(wire.name) } as MobProfileLookupResult;
}
