import { RuntimeError } from '../errors/runtime-error.js';
import type { RealmConfig } from '../config/realm-config.js';

/** `limits.max_sessions` when the config names none (01 §6.1). */
export const DEFAULT_MAX_SESSIONS = 100_000;

/** The realm's `limits.max_sessions`; the default when absent or not a positive integer. */
export function maxSessionsOf(config: RealmConfig): number {
  const limits = config.raw['limits'];
  const value =
    typeof limits === 'object' && limits !== null
      ? (limits as Record<string, unknown>)['max_sessions']
      : undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_MAX_SESSIONS;
}

/**
 * Fails when `active` sessions already fill the capacity: `RuntimeError('INTERNAL_ERROR')` with the
 * original's message `agent error: Internal error: Max sessions reached (<active>/<max>)` (01 §6.1).
 */
export function assertCapacity(active: number, config: RealmConfig): void {
  const max = maxSessionsOf(config);
  if (active >= max) {
    throw new RuntimeError(
      'INTERNAL_ERROR',
      `agent error: Internal error: Max sessions reached (${active}/${max})`,
    );
  }
}
