/** Who holds a session claim: a runtime incarnation, and what tells whether it is still alive. */
export interface ClaimOwner {
  /** Unique per runtime incarnation (two processes never share one, even with one `--instance`). */
  ownerId: string;
  /** The realm lease label of the owner's runtime (`leases/<instance>.json`). */
  instanceId: string;
  /** The owner's OS process id. */
  pid: number;
}

/** A stored claim on one session. */
export interface SessionClaimRecord extends ClaimOwner {
  sessionId: string;
  claimedAtMs: number;
  /** The claim lapses at this epoch millisecond unless renewed. */
  expiresAtMs: number;
}

export interface AcquireClaimRequest {
  sessionId: string;
  owner: ClaimOwner;
  nowMs: number;
  expiresAtMs: number;
  /**
   * The owner id of a claim the caller has verified is gone (dead process, lost lease): it is replaced
   * even though it has not expired. Any other unexpired claim is left alone.
   */
  takeOverFrom?: string;
}

/** The outcome of `acquireClaim`: taken (with the claim it replaced, if any) or held by someone else. */
export type AcquireClaimResult =
  { acquired: true; replaced?: SessionClaimRecord } | { acquired: false; holder: SessionClaimRecord };

/**
 * Cross-process session claims (reliability rows 1 and 7): at most one turn runs per session across every
 * runtime process of a realm. Every method is one atomic step, so two processes racing for one session
 * see exactly one winner. Failures are `StoreError`s.
 */
export interface SessionClaims {
  /**
   * Takes the session when it is unclaimed, its claim expired at `nowMs`, or its holder is `takeOverFrom`.
   * Otherwise leaves the claim as it is and returns its holder.
   */
  acquireClaim(request: AcquireClaimRequest): Promise<AcquireClaimResult>;
  /** Extends this owner's claim. False when the owner no longer holds it (taken over). */
  renewClaim(sessionId: string, ownerId: string, expiresAtMs: number): Promise<boolean>;
  /** Drops this owner's claim; a claim held by another owner is left alone. */
  releaseClaim(sessionId: string, ownerId: string): Promise<void>;
  /** The current claim on the session, expired or not. */
  readClaim(sessionId: string): Promise<SessionClaimRecord | undefined>;
  close(): Promise<void>;
}
