import type { Database, Statement, Transaction } from 'better-sqlite3';
import {
  StoreError,
  type AcquireClaimRequest,
  type AcquireClaimResult,
  type SessionClaimRecord,
  type SessionClaims,
} from '@rkat/core';
import { openDatabase } from './open-database.js';
import { toStoreError } from './sqlite-errors.js';

interface ClaimRow {
  session_id: unknown;
  owner_id: unknown;
  instance_id: unknown;
  pid: unknown;
  claimed_at_ms: unknown;
  expires_at_ms: unknown;
}

function decodeClaimRow(row: ClaimRow): SessionClaimRecord {
  const { session_id, owner_id, instance_id, pid, claimed_at_ms, expires_at_ms } = row;
  if (
    typeof session_id !== 'string' ||
    typeof owner_id !== 'string' ||
    typeof instance_id !== 'string' ||
    typeof pid !== 'number' ||
    typeof claimed_at_ms !== 'number' ||
    typeof expires_at_ms !== 'number'
  ) {
    throw new StoreError('corrupt', `session claim of ${String(session_id)} is unreadable`);
  }
  return {
    sessionId: session_id,
    ownerId: owner_id,
    instanceId: instance_id,
    pid,
    claimedAtMs: claimed_at_ms,
    expiresAtMs: expires_at_ms,
  };
}

interface ClaimStatements {
  select: Statement;
  upsert: Statement;
  renew: Statement;
  release: Statement;
}

/**
 * `SessionClaims` on a realm's SQLite file (table `session_claims`, format 2), on a connection of its
 * own: `acquireClaim` reads and replaces the row in one IMMEDIATE transaction, so of two processes racing
 * for a session exactly one wins. Fails with `StoreError` like the session store.
 */
export class SqliteSessionClaims implements SessionClaims {
  #db: Database | undefined;
  readonly #statements: ClaimStatements;
  readonly #acquire: Transaction<(request: AcquireClaimRequest) => AcquireClaimResult>;

  private constructor(db: Database) {
    this.#db = db;
    this.#statements = {
      select: db.prepare(`SELECT session_id, owner_id, instance_id, pid, claimed_at_ms, expires_at_ms
        FROM session_claims WHERE session_id = ?`),
      upsert: db.prepare(`INSERT OR REPLACE INTO session_claims
        (session_id, owner_id, instance_id, pid, claimed_at_ms, expires_at_ms)
        VALUES (@session_id, @owner_id, @instance_id, @pid, @claimed_at_ms, @expires_at_ms)`),
      renew: db.prepare('UPDATE session_claims SET expires_at_ms = ? WHERE session_id = ? AND owner_id = ?'),
      release: db.prepare('DELETE FROM session_claims WHERE session_id = ? AND owner_id = ?'),
    };
    this.#acquire = db.transaction((request) => this.#acquireRow(request));
  }

  /** Opens the claims of the database at `path` (created and migrated like the session store's). */
  static async open(options: { path: string }): Promise<SqliteSessionClaims> {
    try {
      return new SqliteSessionClaims(openDatabase(options.path));
    } catch (error) {
      throw toStoreError(error, `open ${options.path}`);
    }
  }

  async acquireClaim(request: AcquireClaimRequest): Promise<AcquireClaimResult> {
    return this.#run('acquireClaim', () => this.#acquire.immediate(request));
  }

  async renewClaim(sessionId: string, ownerId: string, expiresAtMs: number): Promise<boolean> {
    return this.#run(
      'renewClaim',
      () => this.#statements.renew.run(expiresAtMs, sessionId, ownerId).changes === 1,
    );
  }

  async releaseClaim(sessionId: string, ownerId: string): Promise<void> {
    this.#run('releaseClaim', () => this.#statements.release.run(sessionId, ownerId));
  }

  async readClaim(sessionId: string): Promise<SessionClaimRecord | undefined> {
    return this.#run('readClaim', () => this.#select(sessionId));
  }

  /** Closes this connection; closing twice is a no-op. */
  async close(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    try {
      db?.close();
    } catch (error) {
      throw toStoreError(error, 'close');
    }
  }

  #select(sessionId: string): SessionClaimRecord | undefined {
    const row = this.#statements.select.get(sessionId) as ClaimRow | undefined;
    return row === undefined ? undefined : decodeClaimRow(row);
  }

  #acquireRow(request: AcquireClaimRequest): AcquireClaimResult {
    const current = this.#select(request.sessionId);
    const free =
      current === undefined ||
      current.expiresAtMs <= request.nowMs ||
      current.ownerId === request.owner.ownerId ||
      current.ownerId === request.takeOverFrom;
    if (!free) return { acquired: false, holder: current };
    this.#statements.upsert.run({
      session_id: request.sessionId,
      owner_id: request.owner.ownerId,
      instance_id: request.owner.instanceId,
      pid: request.owner.pid,
      claimed_at_ms: request.nowMs,
      expires_at_ms: request.expiresAtMs,
    });
    return current === undefined ? { acquired: true } : { acquired: true, replaced: current };
  }

  #run<T>(operation: string, body: () => T): T {
    if (this.#db === undefined) throw new StoreError('io', `${operation}: the claims store is closed`);
    try {
      return body();
    } catch (error) {
      throw toStoreError(error, operation);
    }
  }
}

/** Opens the SQLite session claims of a realm database; see `SqliteSessionClaims.open`. */
export function openSqliteSessionClaims(options: { path: string }): Promise<SqliteSessionClaims> {
  return SqliteSessionClaims.open(options);
}
