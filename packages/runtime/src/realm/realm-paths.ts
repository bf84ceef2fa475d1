import { join, resolve } from 'node:path';

/** Where each part of a realm lives (01 §1.1). All paths are absolute. */
export interface RealmPaths {
  stateRoot: string;
  realmId: string;
  root: string;
  manifestPath: string;
  manifestLockPath: string;
  configPath: string;
  configStatePath: string;
  configStateLockPath: string;
  sessionsSqlitePath: string;
  sessionsJsonlDirectory: string;
  blobsDirectory: string;
  leasesDirectory: string;
}

/** `resolved_paths` of the config envelope (01 §10): absolute paths, wire spelling. */
export interface ResolvedPaths {
  root: string;
  manifest_path: string;
  config_path: string;
  sessions_sqlite_path: string;
  sessions_jsonl_dir: string;
}

/** The realm's directory name: the id with any character outside `[A-Za-z0-9_-]` replaced by `_`. */
export function realmDirectoryName(realmId: string): string {
  return realmId.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The layout of realm `realmId` under `stateRoot`. Pure: touches no file. */
export function realmPaths(stateRoot: string, realmId: string): RealmPaths {
  const absoluteRoot = resolve(stateRoot);
  const root = join(absoluteRoot, realmDirectoryName(realmId));
  return {
    stateRoot: absoluteRoot,
    realmId,
    root,
    manifestPath: join(root, 'realm_manifest.json'),
    manifestLockPath: join(root, '.realm_manifest.lock'),
    configPath: join(root, 'config.toml'),
    configStatePath: join(root, 'config_state.json'),
    configStateLockPath: join(root, 'config_state.lock'),
    sessionsSqlitePath: join(root, 'sessions.sqlite3'),
    sessionsJsonlDirectory: join(root, 'sessions_jsonl'),
    blobsDirectory: join(root, 'blobs'),
    leasesDirectory: join(root, 'leases'),
  };
}

/** The `resolved_paths` object of a realm's config envelope. Pure. */
export function toResolvedPaths(paths: RealmPaths): ResolvedPaths {
  return {
    root: paths.root,
    manifest_path: paths.manifestPath,
    config_path: paths.configPath,
    sessions_sqlite_path: paths.sessionsSqlitePath,
    sessions_jsonl_dir: paths.sessionsJsonlDirectory,
  };
}
