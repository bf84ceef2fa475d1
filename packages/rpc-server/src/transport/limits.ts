import { TransportError } from './transport-error.js';

/** Configurable bounds of one connection. Every field is optional; see `DEFAULT_TRANSPORT_LIMITS`. */
export interface TransportLimits {
  /** Longest accepted input line in bytes (00-decisions.md §5, `--max-frame-bytes`). */
  readonly maxFrameBytes?: number;
  /** Notifications that may wait in the outbound queue before events are dropped. */
  readonly maxQueuedNotifications?: number;
  /** How long the output may stay blocked (no `drain`) before the connection is closed. */
  readonly writeTimeoutMs?: number;
  /** Default timeout of a server→client request (01 §16: 30 s). */
  readonly clientCallTimeoutMs?: number;
}

/** The limits with every default filled in. */
export type ResolvedTransportLimits = Required<TransportLimits>;

/** 16 MiB frames, 4096 queued notifications, 60 s write timeout, 30 s client calls. */
export const DEFAULT_TRANSPORT_LIMITS: ResolvedTransportLimits = {
  maxFrameBytes: 16 * 1024 * 1024,
  maxQueuedNotifications: 4096,
  writeTimeoutMs: 60_000,
  clientCallTimeoutMs: 30_000,
};

/**
 * Fills in the defaults. Throws `TransportError` (`INVALID_LIMIT`) when a given value is not a positive integer, so a bad flag
 * fails at start-up rather than at the first oversized frame.
 */
export function resolveTransportLimits(limits: TransportLimits = {}): ResolvedTransportLimits {
  const resolved = { ...DEFAULT_TRANSPORT_LIMITS };
  for (const key of Object.keys(DEFAULT_TRANSPORT_LIMITS) as (keyof ResolvedTransportLimits)[]) {
    const value = limits[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TransportError(
        'INVALID_LIMIT',
        `transport limit ${key} must be a positive integer, got ${String(value)}`,
      );
    }
    resolved[key] = value;
  }
  return resolved;
}
