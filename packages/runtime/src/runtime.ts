import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Clock, SessionClaims, SessionStore, ToolSource } from '@rkat/core';
import {
  injectWriteFault,
  MemorySessionClaims,
  openSqliteSessionClaims,
  openSqliteSessionStore,
  type SqliteSessionStoreOptions,
} from '@rkat/store';
import { BlobStore } from './blobs/blob-store.js';
import { ConfigService } from './config/config-service.js';
import type { FileLockOptions } from './config/file-lock.js';
import { liveProviderBindings } from './config/live-provider-bindings.js';
import type { RealmConfig } from './config/realm-config.js';
import { generateInstanceId, validateInstanceId } from './realm/instance-id.js';
import { claimHolderGone } from './realm/owner-liveness.js';
import { RealmLease, type StartLeaseOptions } from './realm/realm-lease.js';
import { ensureRealmManifest, type RealmBackend, type RealmManifest } from './realm/realm-manifest.js';
import { RealmOpenError } from './realm/realm-open-error.js';
import { realmPaths, toResolvedPaths, type RealmPaths, type ResolvedPaths } from './realm/realm-paths.js';
import { selectRealm } from './realm/realm-selection.js';
import { SessionToolEnvironments } from './session-tools/session-tool-environments.js';
import { SkillService } from './skills/skill-service.js';
import { defaultStateRoot } from './realm/state-root.js';
import { createHookEnvironment } from './hooks/hook-environment.js';
import { registerTestHookHandlers } from './hooks/test-hook-handlers.js';
import type { InProcessHookRegistry } from './hooks/in-process-hooks.js';
import type { ProviderBindings } from './session/model-identity.js';
import { createProviderBindings } from './session/provider-bindings.js';
import { SessionService, type SessionServiceOptions } from './session/session-service.js';

export interface OpenRuntimeOptions {
  /** Directory holding the realm directories (`--state-root`); default `defaultStateRoot()`. */
  stateRoot?: string;
  /** `--realm`: join or create this realm (validated). */
  realmId?: string;
  /** `--isolated`: a new `realm-<uuidv7>`. With `realmId` it is a start-up error. */
  isolated?: boolean;
  /** Without `realmId`/`isolated`: the stable realm of this directory (the CLI's rule). Neither: a new realm. */
  workspaceDirectory?: string;
  /** `--instance`: the label in the config envelope and the lease file name; default `instance-<uuidv7>`. */
  instanceId?: string;
  /**
   * `--realm-backend`: the backend of a new realm, and the one an existing realm must have. Default: the
   * existing realm's, `sqlite` for a new one. `jsonl` is not built yet and fails with a `RealmOpenError`.
   */
  backend?: RealmBackend;
  /** `--context-root`: project conventions root (kept for skills, MCP and hooks). */
  contextRoot?: string;
  /** `--user-config-root`: user conventions root; default `$HOME`. */
  userConfigRoot?: string;
  /** API keys and base-URL overrides; default `process.env`. Also used for the default state root. */
  env?: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
  /**
   * Tools for every session when `toolsFor` is not given; default each session's environment in
   * `sessionTools` (built-ins, shell and MCP servers, per the session's `enable_*` flags).
   */
  tools?: ToolSource;
  /** The tools of one session, built when a run starts (the callback-tool layer provides it). */
  toolsFor?: SessionServiceOptions['toolsFor'];
  /** Replaces the provider layer (tests); called again whenever the config changes. */
  providers?: (config: RealmConfig) => ProviderBindings;
  /** Replaces the realm's SQLite store (tests). The runtime closes it on `close()`. */
  store?: SessionStore;
  /**
   * Replaces the realm's session claims (tests; share one between runtimes on one `store`). Default: the
   * SQLite claims of the realm, or in-process claims with `store`. The runtime closes it on `close()`.
   */
  claims?: SessionClaims;
  /** Test hook passed to the realm's SQLite store as its `faultPoints` (crash tests); ignored with `store`. */
  storeFaultPoints?: SqliteSessionStoreOptions['faultPoints'];
  /**
   * Test hook (storage fault tests): a `<target>:<nth>[-<last>]:<kind>` spec of `@rkat/store`'s
   * `injectWriteFault` that fails store writes with a simulated ENOSPC, SQLITE_FULL or I/O error. A malformed
   * spec throws.
   */
  storeWriteFault?: string;
  /** The lease of this instance (01 §1.1); `false` writes none. Default surface `rkat-rpc`. */
  lease?:
    false | Pick<StartLeaseOptions, 'surface' | 'heartbeatIntervalMs' | 'scheduler' | 'onHeartbeatError'>;
  /** Lock of config writes (tests shorten it); defaults 5 s timeout, 30 s stale. */
  configLock?: FileLockOptions;
}

/** An open realm: its paths, manifest, config, blobs, lease and session service. */
export interface Runtime {
  readonly realmId: string;
  readonly instanceId: string;
  readonly backend: RealmBackend;
  readonly paths: RealmPaths;
  /** `resolved_paths` of the config envelope. */
  readonly resolvedPaths: ResolvedPaths;
  readonly manifest: RealmManifest;
  /** The current normalized config (changes after `configService.set`/`patch`). */
  readonly config: RealmConfig;
  readonly configService: ConfigService;
  readonly blobs: BlobStore;
  readonly sessions: SessionService;
  /** This instance's lease, unless opened with `lease: false`. */
  readonly lease: RealmLease | undefined;
  /** Absolute `--context-root`, when given. */
  readonly contextRoot: string | undefined;
  /** Absolute `--user-config-root` (default the home directory). */
  readonly userConfigRoot: string;
  /**
   * The local tools (built-ins, shell, MCP) of each loaded session; `mcp/*` stages changes here. Closed
   * with the runtime; an archive disposes the session's environment.
   */
  readonly sessionTools: SessionToolEnvironments;
  /** The realm's skills (01 §12): `skills/list`, per-turn resolution and the skill tools. */
  readonly skills: SkillService;
  /** The embedding program's in-process hook handlers, by the name an `in_process` hook entry gives. */
  readonly hooks: InProcessHookRegistry;
  /** Interrupts running turns, waits for them, closes the store and removes the lease. Idempotent. */
  close(): Promise<void>;
}

function unavailable(backend: RealmBackend, realmId: string): RealmOpenError {
  return new RealmOpenError(
    'backend_unavailable',
    `the ${backend} realm backend is not available in this build (realm '${realmId}'); use sqlite`,
  );
}

/**
 * Opens a realm (01 §1, §1.1): selects it from the flags, creates its directory and manifest when new,
 * reads `config.toml`, opens `sessions.sqlite3`, writes this instance's lease and returns the services.
 * Throws `RealmOpenError` (conflicting flags, backend mismatch or unavailable, bad instance id),
 * `RuntimeError` with `INVALID_REALM` (bad realm id, foreign manifest) or `INVALID_CONFIG`, or the store's
 * `StoreError`. Nothing stays open when it throws.
 */
export async function openRuntime(options: OpenRuntimeOptions = {}): Promise<Runtime> {
  const env = options.env ?? process.env;
  const { realmId, origin } = selectRealm(options);
  const instanceId = validateInstanceId(options.instanceId ?? generateInstanceId());
  if (options.backend === 'jsonl') throw unavailable('jsonl', realmId);
  const paths = realmPaths(options.stateRoot ?? defaultStateRoot({ env }), realmId);
  const now = () => options.clock?.now() ?? Date.now();
  const manifest = await ensureRealmManifest(paths, {
    origin,
    nowMs: now(),
    ...(options.backend ? { backend: options.backend } : {}),
  });
  if (manifest.backend !== 'sqlite') throw unavailable(manifest.backend, realmId);
  const backend = manifest.backend;
  const configService = await ConfigService.open({
    paths,
    instanceId,
    backend,
    ...(options.configLock ? { lock: options.configLock } : {}),
  });
  const writeFault =
    options.storeWriteFault !== undefined
      ? injectWriteFault(options.storeWriteFault, options.storeFaultPoints)
      : undefined;
  const faultPoints = writeFault ? writeFault.faultPoints : options.storeFaultPoints;
  const opened =
    options.store ??
    (await openSqliteSessionStore({
      path: paths.sessionsSqlitePath,
      ...(faultPoints ? { faultPoints } : {}),
    }));
  const store = writeFault ? writeFault.wrap(opened) : opened;
  let claims: SessionClaims;
  try {
    claims =
      options.claims ??
      (options.store
        ? new MemorySessionClaims()
        : await openSqliteSessionClaims({ path: paths.sessionsSqlitePath }));
  } catch (error) {
    await store.close();
    throw error;
  }
  let lease: RealmLease | undefined;
  try {
    if (options.lease !== false) lease = await RealmLease.start({ ...options.lease, paths, instanceId, now });
  } catch (error) {
    await Promise.allSettled([store.close(), claims.close()]);
    throw error;
  }
  const currentConfig = () => configService.current();
  const blobs = new BlobStore(paths.blobsDirectory);
  const contextRoot = options.contextRoot !== undefined ? resolve(options.contextRoot) : undefined;
  const userConfigRoot = resolve(options.userConfigRoot ?? env.HOME ?? homedir());
  const hooks = createHookEnvironment(contextRoot ?? process.cwd());
  registerTestHookHandlers(hooks.registry, env);
  const skills = new SkillService({
    ...(contextRoot !== undefined ? { contextRoot } : {}),
    userRoot: userConfigRoot,
    currentConfig,
    env,
    ...(options.clock ? { now } : {}),
  });
  const sessionTools = new SessionToolEnvironments({
    skills,
    projectRoot: contextRoot ?? process.cwd(),
    userRoot: userConfigRoot,
    realmDirectory: paths.root,
    blobs,
    currentConfig,
    env,
    ...(options.clock ? { now } : {}),
  });
  const tools = options.tools;
  const sessions = new SessionService({
    realmId,
    store,
    currentConfig,
    providers: liveProviderBindings(
      currentConfig,
      options.providers ?? ((config) => createProviderBindings({ config, env })),
    ),
    toolsFor: options.toolsFor ?? (tools ? () => tools : (session) => sessionTools.toolsFor(session)),
    onSessionArchived: (sessionId) => sessionTools.dispose(sessionId),
    hooks,
    skills,
    ...(options.clock ? { clock: options.clock } : {}),
    claims,
    claimOwner: { ownerId: `${instanceId}/${uuidv7()}`, instanceId, pid: process.pid },
    claimHolderGone: claimHolderGone(paths),
  });
  let closing: Promise<void> | undefined;
  return {
    realmId,
    instanceId,
    backend,
    paths,
    resolvedPaths: toResolvedPaths(paths),
    manifest,
    get config() {
      return configService.current();
    },
    configService,
    blobs,
    sessionTools,
    skills,
    hooks: hooks.registry,
    sessions,
    lease,
    contextRoot,
    userConfigRoot,
    close: () => {
      closing ??= sessions
        .close()
        .finally(() => hooks.background.abortAll())
        .finally(() => sessionTools.close())
        .finally(() => store.close())
        .finally(() => claims.close())
        .finally(() => lease?.release());
      return closing;
    },
  };
}
