import {
  StoreError,
  type AcquireClaimRequest,
  type AcquireClaimResult,
  type SessionClaimRecord,
  type SessionClaims,
} from '@rkat/core';

/**
 * In-process `SessionClaims` with the SQLite claims' semantics, for runtimes on a `MemorySessionStore`
 * (share one instance between runtimes that share the store). Nothing survives `close()`.
 */
export class MemorySessionClaims implements SessionClaims {
  #closed = false;
  readonly #claims = new Map<string, SessionClaimRecord>();

  async acquireClaim(request: AcquireClaimRequest): Promise<AcquireClaimResult> {
    this.#assertOpen('acquireClaim');
    const current = this.#claims.get(request.sessionId);
    const free =
      current === undefined ||
      current.expiresAtMs <= request.nowMs ||
      current.ownerId === request.owner.ownerId ||
      current.ownerId === request.takeOverFrom;
    if (!free) return { acquired: false, holder: { ...current } };
    this.#claims.set(request.sessionId, {
      ...request.owner,
      sessionId: request.sessionId,
      claimedAtMs: request.nowMs,
      expiresAtMs: request.expiresAtMs,
    });
    return current === undefined ? { acquired: true } : { acquired: true, replaced: current };
  }

  async renewClaim(sessionId: string, ownerId: string, expiresAtMs: number): Promise<boolean> {
    this.#assertOpen('renewClaim');
    const current = this.#claims.get(sessionId);
    if (current?.ownerId !== ownerId) return false;
    current.expiresAtMs = expiresAtMs;
    return true;
  }

  async releaseClaim(sessionId: string, ownerId: string): Promise<void> {
    this.#assertOpen('releaseClaim');
    if (this.#claims.get(sessionId)?.ownerId === ownerId) this.#claims.delete(sessionId);
  }

  async readClaim(sessionId: string): Promise<SessionClaimRecord | undefined> {
    this.#assertOpen('readClaim');
    const current = this.#claims.get(sessionId);
    return current === undefined ? undefined : { ...current };
  }

  /** Drops every claim. Later calls fail with `io`; closing twice is a no-op. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#claims.clear();
  }

  #assertOpen(operation: string): void {
    if (this.#closed) throw new StoreError('io', `${operation}: the claims store is closed`);
  }
}
