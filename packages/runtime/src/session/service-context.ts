import type { AgentEvent, SystemNoticeKind } from '@rkat/contracts';
import type {
  ClaimOwner,
  Clock,
  SessionClaimRecord,
  SessionClaims,
  SessionStore,
  ToolSource,
} from '@rkat/core';
import type { RealmConfig } from '../config/realm-config.js';
import type { SessionEventHub } from '../events/session-event-hub.js';
import type { HookEnvironment } from '../hooks/hook-environment.js';
import type { SkillService } from '../skills/skill-service.js';
import type { ProviderBindings } from './model-identity.js';
import type { SessionOwnership } from './session-ownership.js';
import type { SessionRegistry } from './session-registry.js';
import type { SessionSettings } from './session-settings.js';

export interface SessionServiceOptions {
  realmId: string;
  store: SessionStore;
  /** The realm config now; read when a session is created and when a run starts (`config/set` may change it). */
  currentConfig: () => RealmConfig;
  providers: ProviderBindings;
  /**
   * The tools a session sees, built when a run starts (so tools registered since show up at the next turn).
   * The service applies the session's `tool_filter` and the turn's `flow_tool_overlay` on top. `emit`
   * publishes an event into the run's ordered stream (e.g. `tool_config_changed` when new tools apply).
   */
  toolsFor: (session: ToolsForSession) => ToolSource | Promise<ToolSource>;
  /** The realm's skills: resolved and injected at the start of every run (01 §12). Absent: no skills. */
  skills?: SkillService;
  /**
   * What the hooks of every run share: the in-process handlers, the background pool and the working
   * directory of `command` hooks. Absent: no in-process handlers, the process's working directory.
   */
  hooks?: HookEnvironment;
  /** Told after a session is archived (its per-session tool state, e.g. shell jobs, is released). */
  onSessionArchived?: (sessionId: string) => Promise<void>;
  clock?: Clock;
  /** Events a stream subscription holds for a slow reader before dropping (default 1024). */
  streamCapacity?: number;
  /**
   * Cross-process session claims (one turn per session across the processes of a realm); default an
   * in-process table, enough for a service that is alone on its store. The service does not close them.
   */
  claims?: SessionClaims;
  /** Who this service is in `claims`; default a fresh owner id in this process. */
  claimOwner?: ClaimOwner;
  /** Whether an unexpired claim's holder is gone (dead process, stale lease); default: never. */
  claimHolderGone?: (holder: SessionClaimRecord) => Promise<boolean>;
}

/** What `toolsFor` learns about the run it builds tools for. */
export interface ToolsForSession {
  sessionId: string;
  settings: SessionSettings;
  emit(event: AgentEvent): void;
  /**
   * Adds a system notice for a change applied at this boundary (e.g. an MCP server added or failed,
   * 01 §13); the run commits it to the transcript before its prompt, so the model sees it this turn.
   */
  notice?(kind: SystemNoticeKind, body: string): void;
}

/** What the parts of the session service share. */
export interface ServiceContext {
  readonly realmId: string;
  readonly options: SessionServiceOptions;
  readonly registry: SessionRegistry;
  readonly ownership: SessionOwnership;
  readonly events: SessionEventHub;
  now(): number;
}
