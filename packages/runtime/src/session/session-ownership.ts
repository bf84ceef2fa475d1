import type { ClaimOwner, SessionClaimRecord, SessionClaims } from '@rkat/core';
import { RuntimeError } from '../errors/runtime-error.js';

/** How long a claim lives without renewal: a crashed holder blocks its sessions at most this long. */
export const SESSION_CLAIM_TTL_MS = 30_000;
/** How often a running turn renews its claim. */
export const SESSION_CLAIM_RENEW_MS = 5_000;

export interface SessionOwnershipOptions {
  claims: SessionClaims;
  owner: ClaimOwner;
  now(): number;
  /** Whether a holder whose claim has not expired is gone anyway (dead process, stale lease). */
  holderGone(holder: SessionClaimRecord): Promise<boolean>;
  ttlMs?: number;
  renewIntervalMs?: number;
}

/** A durable claim this process holds for one operation. */
export interface HeldSessionClaim {
  readonly sessionId: string;
  /** Stops renewing and drops the claim. Never rejects: an undropped claim lapses at its expiry. */
  release(): Promise<void>;
}

function busy(sessionId: string): RuntimeError {
  return new RuntimeError('SESSION_BUSY', `session is busy: ${sessionId}`);
}

/**
 * This runtime's side of the cross-process session claims (reliability rows 1 and 7): one turn per
 * session across every process of a realm. A claim is renewed while its operation runs; a claim whose
 * holder is gone is taken over.
 */
export class SessionOwnership {
  private readonly ttlMs: number;
  private readonly renewIntervalMs: number;

  constructor(private readonly options: SessionOwnershipOptions) {
    this.ttlMs = options.ttlMs ?? SESSION_CLAIM_TTL_MS;
    this.renewIntervalMs = options.renewIntervalMs ?? SESSION_CLAIM_RENEW_MS;
  }

  /**
   * Takes the session's durable claim. Throws `SESSION_BUSY` `session is busy: <id>` while another live
   * process holds it, or the store's error. `onLost` is called (once) when a renewal finds the claim taken
   * over: the operation should stop.
   */
  async take(sessionId: string, onLost: (error: RuntimeError) => void): Promise<HeldSessionClaim> {
    const { claims, owner, now } = this.options;
    const request = (): Parameters<SessionClaims['acquireClaim']>[0] => ({
      sessionId,
      owner,
      nowMs: now(),
      expiresAtMs: now() + this.ttlMs,
    });
    let outcome = await claims.acquireClaim(request());
    if (!outcome.acquired && (await this.options.holderGone(outcome.holder))) {
      outcome = await claims.acquireClaim({ ...request(), takeOverFrom: outcome.holder.ownerId });
    }
    if (!outcome.acquired) throw busy(sessionId);
    return this.renewWhileHeld(sessionId, onLost);
  }

  private renewWhileHeld(sessionId: string, onLost: (error: RuntimeError) => void): HeldSessionClaim {
    const { claims, owner, now } = this.options;
    let renewing: Promise<void> = Promise.resolve();
    let stopped = false;
    const renew = async (): Promise<void> => {
      const held = await claims.renewClaim(sessionId, owner.ownerId, now() + this.ttlMs).catch(
        // A failed renewal is retried at the next tick; the claim lives for several of them.
        () => true,
      );
      if (!held && !stopped) {
        stopped = true;
        clearInterval(timer);
        onLost(new RuntimeError('INTERNAL_ERROR', `session ${sessionId} was taken over by another process`));
      }
    };
    const timer = setInterval(() => {
      renewing = renewing.then(renew);
    }, this.renewIntervalMs);
    timer.unref();
    return {
      sessionId,
      release: async () => {
        stopped = true;
        clearInterval(timer);
        await renewing;
        // A claim that cannot be dropped now lapses at its expiry; the operation's outcome stands.
        await claims.releaseClaim(sessionId, owner.ownerId).catch(() => undefined);
      },
    };
  }
}
