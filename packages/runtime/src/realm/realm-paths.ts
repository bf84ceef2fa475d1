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
  sessionsSqlitePath: string;
  blobsDirectory: string;
  leasesDirectory: string;
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
    sessionsSqlitePath: join(root, 'sessions.sqlite3'),
    blobsDirectory: join(root, 'blobs'),
    leasesDirectory: join(root, 'leases'),
  };
}
