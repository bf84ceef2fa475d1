import type { Database, Transaction } from 'better-sqlite3';
import type { SessionMessage } from '@rkat/contracts';
import {
  StoreError,
  type BoundaryCommit,
  type InputRecord,
  type MessagePage,
  type SessionListQuery,
  type SessionRecord,
  type SessionStore,
} from '@rkat/core';
import type { EncodedValue } from '../shared/json-codec.js';
import { normalizeListQuery, normalizePage } from '../shared/list-query.js';
import {
  checkCommit,
  checkInput,
  checkNewSession,
  checkPatch,
  type CheckedCommit,
  type CheckedPatch,
} from '../shared/write-checks.js';
import type { CommitFaultPoint } from './fault-points.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { openDatabase } from './open-database.js';
import { decodeInputRow, decodeMessageRow, decodeSessionRow } from './row-decoding.js';
import { boundaryParams, patchParams, sessionRowParams } from './row-encoding.js';
import { toStoreError } from './sqlite-errors.js';
import { prepareStatements, type SqliteStatements } from './statements.js';

/** The format version this build writes (older versions are migrated at open; newer ones fail closed). */
export const SQLITE_SCHEMA_VERSION: number = SQLITE_MIGRATIONS.length;

/** Options of `openSqliteSessionStore`. */
export interface SqliteSessionStoreOptions {
  /** The database file; missing parent directories are created. */
  path: string;
  /**
   * Test hook called at each named point inside `commitBoundary`'s transaction (see
   * `COMMIT_FAULT_POINTS`). A throw rolls the boundary back and fails the commit: an error whose `code`
   * is `SQLITE_FULL` or `ENOSPC` as `disk_full`, a `StoreError` as itself, anything else as `io`.
   */
  faultPoints?: (name: CommitFaultPoint) => void;
  /**
   * Called with a `StoreError('corrupt')` (naming the row) for each session row `listSessions` skips
   * because it fails to decode. The listing still returns every good row; `getSession` on the bad one
   * throws the same error. Nothing is deleted.
   */
  onCorruptRow?: (error: StoreError) => void;
}

type SessionPatch = Parameters<SessionStore['updateSession']>[1];

function notFound(sessionId: string): StoreError {
  return new StoreError('not_found', `session ${sessionId} not found`);
}

/**
 * The SQLite `SessionStore` (better-sqlite3, WAL, `busy_timeout` 5 s, `synchronous=FULL`,
 * `foreign_keys=ON`). Every method is one transaction; `commitBoundary` writes the messages, usage,
 * metadata and input state of a boundary together or not at all. Open it with `openSqliteSessionStore`.
 */
export class SqliteSessionStore implements SessionStore {
  /** The database file this store was opened on. */
  readonly path: string;
  #db: Database | undefined;
  readonly #statements: SqliteStatements;
  readonly #faultPoints: ((name: CommitFaultPoint) => void) | undefined;
  readonly #onCorruptRow: ((error: StoreError) => void) | undefined;
  readonly #create: Transaction<(record: SessionRecord, messages: EncodedValue<SessionMessage>[]) => void>;
  readonly #commit: Transaction<(commit: CheckedCommit) => void>;
  readonly #update: Transaction<(sessionId: string, patch: CheckedPatch) => void>;
  readonly #record: Transaction<(input: InputRecord) => void>;
  readonly #readMessages: Transaction<(sessionId: string, page: MessagePage | undefined) => SessionMessage[]>;
  readonly #readPending: Transaction<(sessionId: string) => InputRecord[]>;

  /**
   * Opens the store. Fails with `version_unsupported` for a newer or unknown format (the file is left
   * untouched), `corrupt` for a file that is not a database, `disk_full` or `io` otherwise.
   */
  static async open(options: SqliteSessionStoreOptions): Promise<SqliteSessionStore> {
    try {
      return new SqliteSessionStore(openDatabase(options.path), options);
    } catch (error) {
      throw toStoreError(error, `open ${options.path}`);
    }
  }

  private constructor(db: Database, options: SqliteSessionStoreOptions) {
    this.path = options.path;
    this.#db = db;
    this.#statements = prepareStatements(db);
    this.#faultPoints = options.faultPoints;
    this.#onCorruptRow = options.onCorruptRow;
    this.#create = db.transaction((record, messages) => this.#createRows(record, messages));
    this.#commit = db.transaction((commit) => this.#commitRows(commit));
    this.#update = db.transaction((sessionId, patch) => {
      this.#requireMessageCount(sessionId);
      this.#applyPatch(sessionId, patch);
    });
    this.#record = db.transaction((input) => this.#recordRow(input));
    this.#readMessages = db.transaction((sessionId, page) => {
      this.#requireMessageCount(sessionId);
      const { offset, limit } = normalizePage(page);
      const rows = this.#statements.selectMessages.all(sessionId, limit ?? -1, offset);
      return rows.map((row) => decodeMessageRow(sessionId, row));
    });
    this.#readPending = db.transaction((sessionId) => {
      this.#requireMessageCount(sessionId);
      return this.#statements.selectPendingInputs.all(sessionId).map(decodeInputRow);
    });
  }

  async createSession(record: SessionRecord, messages: readonly SessionMessage[] = []): Promise<void> {
    this.#run('createSession', () => {
      const checked = checkNewSession(record, messages);
      this.#create.immediate(checked.record, checked.messages);
    });
  }

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    return this.#run('getSession', () => {
      const row = this.#statements.selectSession.get(sessionId);
      return row === undefined ? undefined : decodeSessionRow(row);
    });
  }

  /** Ordered by `updatedAtMs` descending, then `sessionId` ascending; corrupt rows are skipped and reported. */
  async listSessions(query?: SessionListQuery): Promise<SessionRecord[]> {
    return this.#run('listSessions', () => {
      const { labels, includeArchived, limit, offset } = normalizeListQuery(query);
      const rows = this.#statements.listSessions.all({
        labels_json: JSON.stringify(labels),
        include_archived: includeArchived ? 1 : 0,
        limit: limit ?? -1,
        offset,
      });
      const records: SessionRecord[] = [];
      for (const row of rows) {
        try {
          records.push(decodeSessionRow(row));
        } catch (error) {
          if (!(error instanceof StoreError) || error.code !== 'corrupt') throw error;
          this.#onCorruptRow?.(error);
        }
      }
      return records;
    });
  }

  async readMessages(sessionId: string, page?: MessagePage): Promise<SessionMessage[]> {
    return this.#run('readMessages', () => this.#readMessages.deferred(sessionId, page));
  }

  async commitBoundary(commit: BoundaryCommit): Promise<void> {
    this.#run('commitBoundary', () => this.#commit.immediate(checkCommit(commit)));
  }

  async updateSession(sessionId: string, patch: SessionPatch): Promise<void> {
    this.#run('updateSession', () => this.#update.immediate(sessionId, checkPatch(sessionId, patch)));
  }

  async recordInput(input: InputRecord): Promise<void> {
    this.#run('recordInput', () => this.#record.immediate(checkInput(input).value));
  }

  async pendingInputs(sessionId: string): Promise<InputRecord[]> {
    return this.#run('pendingInputs', () => this.#readPending.deferred(sessionId));
  }

  /** Closes the connection (checkpointing the WAL). Later calls fail with `io`; closing twice is a no-op. */
  async close(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    try {
      db?.close();
    } catch (error) {
      throw toStoreError(error, 'close');
    }
  }

  #run<T>(operation: string, body: () => T): T {
    if (this.#db === undefined) throw new StoreError('io', `${operation}: the store is closed`);
    try {
      return body();
    } catch (error) {
      throw toStoreError(error, operation);
    }
  }

  #requireMessageCount(sessionId: string): number {
    const row = this.#statements.selectMessageCount.get(sessionId) as { message_count: number } | undefined;
    if (row === undefined) throw notFound(sessionId);
    return row.message_count;
  }

  #createRows(record: SessionRecord, messages: EncodedValue<SessionMessage>[]): void {
    const statements = this.#statements;
    if (statements.selectMessageCount.get(record.sessionId) !== undefined) {
      throw new StoreError('conflict', `session ${record.sessionId} already exists`);
    }
    statements.insertSession.run(sessionRowParams(record));
    this.#writeLabels(record.sessionId, record.labels);
    messages.forEach((message, index) => statements.insertMessage.run(record.sessionId, index, message.text));
  }

  #commitRows(commit: CheckedCommit): void {
    const statements = this.#statements;
    const { sessionId, expectedMessageCount } = commit;
    this.#fault('commit:before');
    const stored = this.#requireMessageCount(sessionId);
    if (stored !== expectedMessageCount) {
      throw new StoreError(
        'conflict',
        `session ${sessionId}: expected ${expectedMessageCount} messages but the store has ${stored}`,
      );
    }
    commit.messages.forEach((message, index) =>
      statements.insertMessage.run(sessionId, expectedMessageCount + index, message.text),
    );
    this.#fault('commit:after-messages');
    statements.applyBoundary.run(boundaryParams(commit));
    this.#applyPatch(sessionId, commit.patch);
    this.#fault('commit:after-session');
    if (commit.input !== undefined) this.#finishInput(sessionId, commit.input.inputId, commit.input.state);
    this.#fault('commit:after-input');
    this.#fault('commit:before-commit');
  }

  #finishInput(sessionId: string, inputId: string, state: 'consumed' | 'abandoned'): void {
    const row = this.#statements.selectInput.get(inputId) as
      { session_id: unknown; state: unknown } | undefined;
    if (row === undefined || row.session_id !== sessionId) {
      throw new StoreError('not_found', `input ${inputId} of session ${sessionId} not found`);
    }
    if (row.state !== 'accepted') {
      throw new StoreError('conflict', `input ${inputId} is already ${String(row.state)}`);
    }
    this.#statements.updateInputState.run(state, inputId);
  }

  #applyPatch(sessionId: string, patch: CheckedPatch): void {
    if (Object.keys(patch).length === 0) return;
    this.#statements.patchSession.run(patchParams(sessionId, patch));
    if (patch.labels !== undefined) this.#writeLabels(sessionId, patch.labels);
  }

  #writeLabels(sessionId: string, labels: Record<string, string>): void {
    this.#statements.deleteLabels.run(sessionId);
    for (const [key, value] of Object.entries(labels))
      this.#statements.insertLabel.run(sessionId, key, value);
  }

  #recordRow(input: InputRecord): void {
    this.#requireMessageCount(input.sessionId);
    if (this.#statements.selectInput.get(input.inputId) !== undefined) {
      throw new StoreError('conflict', `input ${input.inputId} already recorded`);
    }
    this.#statements.insertInput.run({
      input_id: input.inputId,
      session_id: input.sessionId,
      content_json: JSON.stringify(input.content),
      state: input.state,
      accepted_at_ms: input.acceptedAtMs,
    });
  }

  #fault(name: CommitFaultPoint): void {
    this.#faultPoints?.(name);
  }
}

/** Opens a SQLite session store; see `SqliteSessionStore.open` for how it fails. */
export function openSqliteSessionStore(options: SqliteSessionStoreOptions): Promise<SqliteSessionStore> {
  return SqliteSessionStore.open(options);
}
