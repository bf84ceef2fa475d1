import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigService, realmPaths, type FileLockOptions, type RealmPaths } from '../../../src/index.js';

/** Runs `body` with the paths of a realm `cfg` in a fresh temp state root, removed afterwards. */
export async function withRealmPaths(body: (paths: RealmPaths) => Promise<void>): Promise<void> {
  const stateRoot = await mkdtemp(join(tmpdir(), 'rkat-config-service-'));
  try {
    await body(realmPaths(stateRoot, 'cfg'));
  } finally {
    await rm(stateRoot, { recursive: true, force: true });
  }
}

/** A config service on `paths` as instance `instance-test` of a sqlite realm. */
export function openConfigService(paths: RealmPaths, lock?: FileLockOptions): Promise<ConfigService> {
  return ConfigService.open({
    paths,
    instanceId: 'instance-test',
    backend: 'sqlite',
    ...(lock ? { lock } : {}),
  });
}
