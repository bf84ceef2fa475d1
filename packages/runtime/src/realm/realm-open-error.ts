import { RuntimeError } from '../errors/runtime-error.js';

/** Why a realm could not be opened at start-up. */
export type RealmOpenFailure =
  'conflicting_flags' | 'backend_mismatch' | 'backend_unavailable' | 'invalid_instance_id';

/**
 * A start-up failure of `openRuntime` (01 §1): `--realm` with `--isolated`, a `--realm-backend` that differs
 * from the realm's manifest, a backend this build does not have, or an unusable instance id. Its code is
 * `INVALID_REALM`; `reason` says which.
 */
export class RealmOpenError extends RuntimeError {
  override readonly name = 'RealmOpenError';
  readonly reason: RealmOpenFailure;

  constructor(reason: RealmOpenFailure, message: string) {
    super('INVALID_REALM', message);
    this.reason = reason;
  }
}
