import type { PeerMeta } from '@rkat/contracts';
import { RuntimeError } from '../errors/runtime-error.js';

const RESERVED_LABEL_KEYS: ReadonlySet<string> = new Set(['mob_id', 'role', 'meerkat_id', 'meerkat']);

function isReservedMeerkatKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower === 'meerkat' || lower.startsWith('meerkat.');
}

function invalidParams(message: string): RuntimeError {
  return new RuntimeError('INVALID_PARAMS', message);
}

/**
 * Checks caller labels (01 §5): keys `mob_id`, `role`, `meerkat_id`, `meerkat` and `meerkat.*` are reserved
 * (case-insensitive) and values must be strings. Returns a copy. Throws `RuntimeError('INVALID_PARAMS')`
 * `metadata label key '<k>' is reserved for Meerkat-owned runtime facts`.
 */
export function validateLabels(labels: Record<string, string> | null | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (RESERVED_LABEL_KEYS.has(key.toLowerCase()) || isReservedMeerkatKey(key)) {
      throw invalidParams(`metadata label key '${key}' is reserved for Meerkat-owned runtime facts`);
    }
    if (typeof value !== 'string') throw invalidParams(`label '${key}' must be a string`);
    Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

/**
 * Checks `app_context` (01 §5): opaque JSON whose top-level keys `meerkat` and `meerkat.*` are reserved.
 * Throws `RuntimeError('INVALID_PARAMS')` `app_context key '<k>' is reserved for Meerkat-owned runtime facts`.
 */
export function validateAppContext(appContext: unknown): void {
  if (typeof appContext !== 'object' || appContext === null || Array.isArray(appContext)) return;
  for (const key of Object.keys(appContext)) {
    if (isReservedMeerkatKey(key)) {
      throw invalidParams(`app_context key '${key}' is reserved for Meerkat-owned runtime facts`);
    }
  }
}

/** Checks `peer_meta` labels like session labels; returns the peer meta without null members. */
export function validatePeerMeta(peerMeta: PeerMeta): PeerMeta {
  const result: PeerMeta = {};
  if (peerMeta.description != null) result.description = peerMeta.description;
  if (peerMeta.labels != null) result.labels = validateLabels(peerMeta.labels);
  return result;
}
