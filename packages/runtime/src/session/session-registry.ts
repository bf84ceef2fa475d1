import type { SessionRecord, SessionStore } from '@rkat/core';
import { RuntimeError } from '../errors/runtime-error.js';
import { parseStoredIdentity } from './model-identity.js';
import { parseSessionSettings } from './session-settings.js';
import type { LoadedSession } from './turn-execution.js';

/** A session taken by one operation (a run, an archive); `done` settles when the operation does. */
export interface SessionClaim {
  readonly sessionId: string;
  readonly controller: AbortController;
  done: Promise<unknown> | undefined;
}

function notFound(sessionId: string): RuntimeError {
  return new RuntimeError('SESSION_NOT_FOUND', `Session not found: ${sessionId}`);
}

/**
 * The sessions this process holds: loaded sessions (record, settings, transcript) and claims — at most
 * one operation per session at a time (architecture.md "A turn, as data", step 2).
 */
export class SessionRegistry {
  private readonly live = new Map<string, LoadedSession>();
  private readonly claims = new Map<string, SessionClaim>();

  constructor(private readonly store: SessionStore) {}

  /** Takes the session for one operation. Throws `SESSION_BUSY` `session is busy: <id>` when taken. */
  claim(sessionId: string): SessionClaim {
    if (this.claims.has(sessionId)) {
      throw new RuntimeError('SESSION_BUSY', `session is busy: ${sessionId}`);
    }
    const claim: SessionClaim = { sessionId, controller: new AbortController(), done: undefined };
    this.claims.set(sessionId, claim);
    return claim;
  }

  /** Gives the session back (only the claim's owner does). */
  release(claim: SessionClaim): void {
    if (this.claims.get(claim.sessionId) === claim) this.claims.delete(claim.sessionId);
  }

  /** The operation holding the session, if any. */
  claimOf(sessionId: string): SessionClaim | undefined {
    return this.claims.get(sessionId);
  }

  /** Every claim held now. */
  allClaims(): SessionClaim[] {
    return [...this.claims.values()];
  }

  /** Keeps a loaded (or new) session in memory. */
  remember(session: LoadedSession): void {
    this.live.set(session.record.sessionId, session);
  }

  /** Drops a session from memory; the next use reloads it from the store. */
  forget(sessionId: string): void {
    this.live.delete(sessionId);
  }

  /** Sessions held in memory (the count `limits.max_sessions` bounds). */
  get liveCount(): number {
    return this.live.size;
  }

  /**
   * The session, from memory or loaded from the store. Throws `SESSION_NOT_FOUND` for an unknown or
   * archived session and `INTERNAL_ERROR` for a stored row this runtime cannot read.
   */
  async load(sessionId: string): Promise<LoadedSession> {
    const cached = this.live.get(sessionId);
    if (cached) {
      if (cached.record.archived) throw notFound(sessionId);
      return cached;
    }
    const record = await this.store.getSession(sessionId);
    if (!record || record.archived) throw notFound(sessionId);
    parseStoredIdentity(sessionId, record);
    const settings = parseSessionSettings(sessionId, record.settings);
    const history = await this.store.readMessages(sessionId);
    const loaded: LoadedSession = { record, settings, history };
    this.live.set(sessionId, loaded);
    return loaded;
  }

  /**
   * The session as the store has it now: the cached copy when no other process has committed to it since,
   * else a fresh load. Call it under the session's durable claim. Throws like `load`.
   */
  async loadCurrent(sessionId: string): Promise<LoadedSession> {
    const cached = this.live.get(sessionId);
    if (cached) {
      const stored = await this.store.getSession(sessionId);
      if (
        stored?.messageCount !== cached.record.messageCount ||
        stored.updatedAtMs !== cached.record.updatedAtMs ||
        stored.archived !== cached.record.archived
      ) {
        this.live.delete(sessionId);
      }
    }
    return this.load(sessionId);
  }

  /** The stored record (archived ones included). Throws `SESSION_NOT_FOUND`. */
  async record(sessionId: string): Promise<SessionRecord> {
    const record = await this.store.getSession(sessionId);
    if (!record) throw notFound(sessionId);
    return record;
  }

  /** The stored record of a session that is not archived. Throws `SESSION_NOT_FOUND`. */
  async activeRecord(sessionId: string): Promise<SessionRecord> {
    const record = await this.record(sessionId);
    if (record.archived) throw notFound(sessionId);
    return record;
  }

  /** Forgets everything held in memory. */
  clear(): void {
    this.live.clear();
  }
}
