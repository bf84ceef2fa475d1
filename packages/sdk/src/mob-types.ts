import type { ContentInput } from '@rkat/contracts';
import type { AgentEventEnvelope } from './event-subscription.js';
import type { TurnOptions } from './types.js';

/** A mob profile, wire-shaped (`model`, `skills`, `tools`, `peer_description`, …). */
export type MobProfile = Readonly<Record<string, unknown>>;

/** A profile entry of a definition: an inline profile or a reference to a realm profile. */
export type MobProfileBinding = MobProfile | { readonly realm_profile: string };

/** A mob definition, wire-shaped (02 §1.2). */
export interface MobDefinition {
  readonly id: string;
  readonly orchestrator?: unknown;
  readonly profiles: Readonly<Record<string, MobProfileBinding>>;
  readonly wiring?: unknown;
  readonly flows?: unknown;
  readonly skills?: unknown;
  readonly backend?: unknown;
  readonly topology?: unknown;
  readonly supervisor?: unknown;
  readonly limits?: unknown;
  readonly spawn_policy?: unknown;
  readonly event_router?: unknown;
}

/** `createMob` options; sent unchanged as the `mob/create` params. */
export interface MobCreateOptions {
  readonly definition: MobDefinition;
}

/** A row of `mob/list`. */
export interface MobSummary {
  readonly mobId: string;
  readonly status: string;
}

/** The result of `mob/status`. */
export type MobStatus = MobSummary;

/** A `mob/lifecycle` action. */
export type MobLifecycleAction = 'stop' | 'resume' | 'complete' | 'reset' | 'destroy';

/** A member of a mob (`mob/members` row in camelCase). */
export interface MobMember {
  readonly agentIdentity: string;
  readonly memberRef: string;
  readonly profile: string;
  readonly peerId?: string;
  readonly externalPeerSpecs?: unknown;
  readonly runtimeMode?: string;
  readonly state?: string;
  readonly wiredTo?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly status?: string;
  readonly error?: string;
  readonly isFinal?: boolean;
}

/** A `mob/spawn_many` entry, camelCase (sent in snake_case). */
export interface SpawnManySpec {
  readonly profile: string;
  readonly agentIdentity: string;
  readonly initialMessage?: ContentInput;
  readonly runtimeMode?: string;
  readonly backend?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly context?: unknown;
  readonly additionalInstructions?: readonly string[];
  readonly authBinding?: unknown;
}

/** A `mob/spawn` spec, camelCase (sent in snake_case). */
export interface SpawnSpec extends SpawnManySpec {
  readonly binding?: unknown;
  readonly shellEnv?: Readonly<Record<string, string>>;
  readonly autoWireParent?: boolean;
  readonly launchMode?: unknown;
  readonly toolAccessPolicy?: unknown;
  readonly budgetSplitPolicy?: unknown;
  readonly inheritedToolFilter?: unknown;
  readonly overrideProfile?: MobProfile;
}

/** The result of `mob/spawn`. */
export interface MobSpawnResult {
  readonly mobId: string;
  readonly agentIdentity: string;
  readonly memberRef: string;
}

/** One `mob/spawn_many` result row. */
export type MobSpawnManyResultEntry =
  | {
      readonly status: 'spawned';
      readonly result: { readonly agentIdentity: string; readonly memberRef: string };
    }
  | { readonly status: 'failed'; readonly result: { readonly cause: string; readonly message: string } };

/** The result of `mob/respawn`. */
export interface MobRespawnResult {
  readonly status: 'completed' | 'topology_restore_failed';
  readonly receipt: { readonly agentIdentity?: string; readonly memberRef: string };
  readonly failedPeerIds: readonly string[];
}

/** `mobTurnStart` options: the turn options plus the member-turn keys (sent in snake_case). */
export interface MobTurnStartOptions extends TurnOptions {
  readonly clearProviderParams?: boolean;
  readonly authBinding?: unknown;
  readonly clearAuthBinding?: boolean;
}

/** A member's state (`mob/member_status`, a `mob/wait_*` row). */
export interface MobMemberSnapshot {
  readonly status: string;
  readonly tokensUsed: number;
  readonly isFinal: boolean;
  readonly outputPreview?: string;
  readonly error?: string;
  readonly currentSessionId?: string;
  readonly peerConnectivity?: unknown;
}

/** A `mob/wait_kickoff` row. */
export type MobKickoffMemberSnapshot = MobMemberSnapshot & { readonly agentIdentity: string };
/** A `mob/wait_ready` row. */
export type MobReadyMemberSnapshot = MobKickoffMemberSnapshot;
/** `waitMobKickoff` options. */
export interface MobKickoffWaitOptions {
  readonly memberIds?: readonly string[];
  readonly timeoutMs?: number;
}
/** `waitMobReady` options. */
export type MobReadyWaitOptions = MobKickoffWaitOptions;

/** The result of `mob/spawn_helper` / `mob/fork_helper`. */
export interface MobHelperResult {
  readonly output: string | null;
  readonly tokensUsed: number;
  readonly agentIdentity: string;
  readonly memberRef: string;
}

/** Options of `spawnMobHelper`; `profileName` is an alias of `roleName`. */
export interface MobHelperOptions {
  readonly agentIdentity?: string;
  readonly roleName?: string;
  readonly profileName?: string;
  readonly runtimeMode?: string;
  readonly backend?: string;
}

/** A peer of `mob/wire`: a local member's identity or an external peer. */
export type MobPeerTarget =
  | string
  | {
      readonly external: {
        readonly name: string;
        readonly address: string;
        readonly identity: { readonly kind: 'ed25519_public_key'; readonly public_key: string };
      };
    };

/** `mob/events` options (unset keys omitted). */
export interface MobEventsOptions {
  readonly afterCursor?: number;
  readonly limit?: number;
}

/** The result of `mob/events`. */
export interface MobEventsResult {
  readonly events: readonly Readonly<Record<string, unknown>>[];
}

/** A `mob/profile/*` result; `notFound: true` when `mob/profile/get` found nothing. */
export interface MobProfileLookupResult {
  readonly notFound: boolean;
  readonly name: string;
  readonly profile?: MobProfile;
  readonly revision?: number;
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

/** The result of `mob/profile/delete`. */
export interface MobProfileDeleteResult {
  readonly name: string;
  readonly deletedRevision: number;
}

/** The result of `mob/flow_status` (`null` run when unknown). */
export interface MobFlowStatus {
  readonly run?: Readonly<Record<string, unknown>> | null;
}

/** An item of a mob-wide subscription: the member (`source`), its profile and the envelope. */
export interface AttributedMobEvent {
  readonly source: string;
  readonly profile: string;
  readonly envelope: AgentEventEnvelope;
}

/** What a member delivery returns (`mob/member_send`). */
export interface MemberDeliveryReceipt {
  readonly agentIdentity: string;
  readonly memberRef: string;
  readonly handlingMode: 'queue' | 'steer';
}

/** Options of a member delivery. */
export interface MemberSendOptions {
  readonly handlingMode?: 'queue' | 'steer';
  readonly renderMetadata?: unknown;
}
