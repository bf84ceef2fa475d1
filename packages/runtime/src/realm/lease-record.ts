import { Type, type Static } from '@sinclair/typebox';

/** How often a running instance rewrites its lease (01 §1.1). */
export const LEASE_HEARTBEAT_INTERVAL_MS = 5_000;
/** A lease whose last heartbeat is older than this is stale: its process is presumed gone. */
export const LEASE_STALE_AFTER_MS = 30_000;

/** `leases/<instance>.json` (01 §1.1). `started_at` and `heartbeat_at` are unix seconds. */
export const LeaseRecord = Type.Object({
  realm_id: Type.String(),
  instance_id: Type.String(),
  surface: Type.String(),
  pid: Type.Integer({ minimum: 0 }),
  started_at: Type.Integer({ minimum: 0 }),
  heartbeat_at: Type.Integer({ minimum: 0 }),
});
export type LeaseRecord = Static<typeof LeaseRecord>;
