import { deriveWorkspaceRealmId, generateRealmId, validateRealmId } from './realm-id.js';
import type { RealmOrigin } from './realm-manifest.js';
import { RealmOpenError } from './realm-open-error.js';

/** The realm flags of a surface (01 §1). */
export interface RealmSelectionOptions {
  /** `--realm <id>`: join or create this realm. */
  realmId?: string;
  /** `--isolated`: a new `realm-<uuidv7>`. Combining it with `realmId` is a start-up error. */
  isolated?: boolean;
  /** The CLI's rule: without `realmId`, the stable realm of this directory (00-decisions.md §19). */
  workspaceDirectory?: string;
}

/** The chosen realm and how its id came about (the manifest's `origin` when the realm is new). */
export interface RealmSelection {
  realmId: string;
  origin: RealmOrigin;
}

/**
 * Picks the realm to open: an explicit id (validated), else a new isolated realm when `isolated`, else the
 * workspace realm when a directory is given, else a new isolated realm (the `rkat-rpc` default). Throws
 * `RealmOpenError('conflicting_flags')` for `realmId` with `isolated`, and `RuntimeError('INVALID_REALM')`
 * for an invalid id.
 */
export function selectRealm(options: RealmSelectionOptions): RealmSelection {
  if (options.realmId !== undefined && options.isolated === true) {
    throw new RealmOpenError('conflicting_flags', '--realm and --isolated cannot be combined');
  }
  if (options.realmId !== undefined) return { realmId: validateRealmId(options.realmId), origin: 'explicit' };
  if (options.isolated !== true && options.workspaceDirectory !== undefined) {
    return { realmId: deriveWorkspaceRealmId(options.workspaceDirectory), origin: 'workspace' };
  }
  return { realmId: generateRealmId(), origin: 'generated' };
}
