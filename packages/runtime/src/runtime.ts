import type { Clock, SessionStore, ToolSource } from '@rkat/core';
import { openSqliteSessionStore } from '@rkat/store';
import { createBuiltinToolSource } from '@rkat/tools';
import { loadRealmConfig, type RealmConfig } from './config/realm-config.js';
import { ensureRealmManifest, type RealmManifest, type RealmOrigin } from './realm/realm-manifest.js';
import { deriveWorkspaceRealmId, generateRealmId, validateRealmId } from './realm/realm-id.js';
import { realmPaths, type RealmPaths } from './realm/realm-paths.js';
import { defaultStateRoot } from './realm/state-root.js';
import type { ProviderBindings } from './session/model-identity.js';
import { createProviderBindings } from './session/provider-bindings.js';
import { SessionService } from './session/session-service.js';

export interface OpenRuntimeOptions {
  /** Directory holding the realm directories; default `defaultStateRoot()`. */
  stateRoot?: string;
  /** Join or create this realm (validated). */
  realmId?: string;
  /** Without `realmId`: use the stable realm of this directory (the CLI's rule). Without both: a new realm. */
  workspaceDirectory?: string;
  /** API keys and base-URL overrides; default `process.env`. Also used for the default state root. */
  env?: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
  /** Tools for every session; default the built-ins. */
  tools?: ToolSource;
  /** Replaces the provider layer (tests). */
  providers?: (config: RealmConfig) => ProviderBindings;
  /** Replaces the realm's SQLite store (tests). The runtime closes it on `close()`. */
  store?: SessionStore;
}

/** An open realm: its paths, manifest, config and session service. */
export interface Runtime {
  readonly realmId: string;
  readonly paths: RealmPaths;
  readonly manifest: RealmManifest;
  readonly config: RealmConfig;
  readonly sessions: SessionService;
  /** Interrupts running turns, waits for them, and closes the store. Idempotent. */
  close(): Promise<void>;
}

function selectRealm(options: OpenRuntimeOptions): { realmId: string; origin: RealmOrigin } {
  if (options.realmId !== undefined) return { realmId: validateRealmId(options.realmId), origin: 'explicit' };
  if (options.workspaceDirectory !== undefined) {
    return { realmId: deriveWorkspaceRealmId(options.workspaceDirectory), origin: 'workspace' };
  }
  return { realmId: generateRealmId(), origin: 'generated' };
}

/**
 * Opens a realm (01 §1): creates its directory and manifest when new, reads `config.toml`, opens
 * `sessions.sqlite3` and returns the session service. Throws `RuntimeError` with `INVALID_REALM` (bad id,
 * foreign manifest) or `INVALID_CONFIG`, or the store's `StoreError`.
 */
export async function openRuntime(options: OpenRuntimeOptions = {}): Promise<Runtime> {
  const env = options.env ?? process.env;
  const { realmId, origin } = selectRealm(options);
  const paths = realmPaths(options.stateRoot ?? defaultStateRoot({ env }), realmId);
  const nowMs = options.clock?.now() ?? Date.now();
  const manifest = await ensureRealmManifest(paths, { origin, backend: 'sqlite', nowMs });
  const config = await loadRealmConfig(paths.configPath);
  const store = options.store ?? (await openSqliteSessionStore({ path: paths.sessionsSqlitePath }));
  const sessions = new SessionService({
    realmId,
    store,
    config,
    providers: options.providers ? options.providers(config) : createProviderBindings({ config, env }),
    tools:
      options.tools ??
      createBuiltinToolSource(options.clock ? { now: () => options.clock?.now() ?? Date.now() } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  let closing: Promise<void> | undefined;
  return {
    realmId,
    paths,
    manifest,
    config,
    sessions,
    close: () => {
      closing ??= sessions.close().finally(() => store.close());
      return closing;
    },
  };
}
