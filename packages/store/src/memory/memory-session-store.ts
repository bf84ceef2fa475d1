import { SessionMessage } from '@rkat/contracts';
import {
  StoreError,
  type BoundaryCommit,
  type InputRecord,
  type MessagePage,
  type SessionListQuery,
  type SessionRecord,
  type SessionStore,
} from '@rkat/core';
import { decodeStoredJson } from '../shared/json-codec.js';
import { compareSessionIds, normalizeListQuery, normalizePage } from '../shared/list-query.js';
import { StoredInputRecord, StoredSessionRecord } from '../shared/schemas.js';
import {
  checkCommit,
  checkInput,
  checkNewSession,
  checkPatch,
  type CheckedPatch,
} from '../shared/write-checks.js';

type SessionPatch = Parameters<SessionStore['updateSession']>[1];

/** A session as JSON text, exactly what the SQLite store would hold, so reads decode like SQLite's. */
interface StoredSession {
  record: string;
  messages: string[];
}

function notFound(sessionId: string): StoreError {
  return new StoreError('not_found', `session ${sessionId} not found`);
}

function applyPatch(record: SessionRecord, patch: CheckedPatch): void {
  if (patch.labels !== undefined) record.labels = patch.labels;
  if (patch.archived !== undefined) record.archived = patch.archived;
  if (patch.settings !== undefined) record.settings = patch.settings;
  if (patch.model !== undefined) record.model = patch.model;
  if (patch.provider !== undefined) record.provider = patch.provider;
  if (patch.pending !== undefined) record.pending = patch.pending;
}

/**
 * An in-process `SessionStore` for tests of other packages, with the SQLite store's semantics (the
 * shared conformance suite runs against both): values are checked and copied through JSON on the way
 * in and decoded fresh on the way out, every method checks everything before it changes anything, and
 * listing orders by `updatedAtMs` descending, then `sessionId` ascending. Nothing survives `close()`.
 */
export class MemorySessionStore implements SessionStore {
  #closed = false;
  readonly #sessions = new Map<string, StoredSession>();
  /** Insertion order breaks ties of `acceptedAtMs`, like SQLite's rowid. */
  readonly #inputs = new Map<string, string>();

  async createSession(record: SessionRecord, messages: readonly SessionMessage[] = []): Promise<void> {
    this.#assertOpen('createSession');
    const checked = checkNewSession(record, messages);
    const sessionId = checked.record.sessionId;
    if (this.#sessions.has(sessionId))
      throw new StoreError('conflict', `session ${sessionId} already exists`);
    this.#sessions.set(sessionId, {
      record: JSON.stringify(checked.record),
      messages: checked.messages.map((message) => message.text),
    });
  }

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    this.#assertOpen('getSession');
    const session = this.#sessions.get(sessionId);
    return session === undefined ? undefined : this.#decodeRecord(sessionId, session);
  }

  /** Ordered by `updatedAtMs` descending, then `sessionId` ascending. */
  async listSessions(query?: SessionListQuery): Promise<SessionRecord[]> {
    this.#assertOpen('listSessions');
    const { labels, includeArchived, limit, offset } = normalizeListQuery(query);
    const wanted = Object.entries(labels);
    const matching = [...this.#sessions]
      .map(([sessionId, session]) => this.#decodeRecord(sessionId, session))
      .filter((record) => includeArchived || !record.archived)
      .filter((record) =>
        wanted.every(([key, value]) => Object.hasOwn(record.labels, key) && record.labels[key] === value),
      )
      .sort(
        (left, right) =>
          right.updatedAtMs - left.updatedAtMs || compareSessionIds(left.sessionId, right.sessionId),
      );
    return matching.slice(offset, limit === undefined ? undefined : offset + limit);
  }

  async readMessages(sessionId: string, page?: MessagePage): Promise<SessionMessage[]> {
    this.#assertOpen('readMessages');
    const session = this.#require(sessionId);
    const { offset, limit } = normalizePage(page);
    return session.messages
      .slice(offset, limit === undefined ? undefined : offset + limit)
      .map((text, index) =>
        decodeStoredJson<SessionMessage>(
          text,
          SessionMessage,
          `session ${sessionId} message ${offset + index}`,
        ),
      );
  }

  async commitBoundary(commit: BoundaryCommit): Promise<void> {
    this.#assertOpen('commitBoundary');
    const checked = checkCommit(commit);
    const { sessionId, expectedMessageCount } = checked;
    const session = this.#require(sessionId);
    const record = this.#decodeRecord(sessionId, session);
    if (record.messageCount !== expectedMessageCount) {
      throw new StoreError(
        'conflict',
        `session ${sessionId}: expected ${expectedMessageCount} messages but the store has ${record.messageCount}`,
      );
    }
    let finishedInput: InputRecord | undefined;
    if (checked.input !== undefined) {
      const { inputId, state } = checked.input;
      const input = this.#decodeInput(inputId);
      if (input === undefined || input.sessionId !== sessionId) {
        throw new StoreError('not_found', `input ${inputId} of session ${sessionId} not found`);
      }
      if (input.state !== 'accepted')
        throw new StoreError('conflict', `input ${inputId} is already ${input.state}`);
      finishedInput = { ...input, state };
    }
    record.messageCount += checked.messages.length;
    record.updatedAtMs = checked.updatedAtMs;
    record.usage = {
      inputTokens: record.usage.inputTokens + checked.usageDelta.inputTokens,
      outputTokens: record.usage.outputTokens + checked.usageDelta.outputTokens,
      cacheCreationTokens: record.usage.cacheCreationTokens + checked.usageDelta.cacheCreationTokens,
      cacheReadTokens: record.usage.cacheReadTokens + checked.usageDelta.cacheReadTokens,
    };
    if (checked.lastAssistantText !== undefined) record.lastAssistantText = checked.lastAssistantText;
    applyPatch(record, checked.patch);
    // Nothing below can fail: the boundary lands whole.
    session.messages.push(...checked.messages.map((message) => message.text));
    session.record = JSON.stringify(record);
    if (finishedInput !== undefined) this.#inputs.set(finishedInput.inputId, JSON.stringify(finishedInput));
  }

  async updateSession(sessionId: string, patch: SessionPatch): Promise<void> {
    this.#assertOpen('updateSession');
    const checked = checkPatch(sessionId, patch);
    const session = this.#require(sessionId);
    const record = this.#decodeRecord(sessionId, session);
    applyPatch(record, checked);
    session.record = JSON.stringify(record);
  }

  async recordInput(input: InputRecord): Promise<void> {
    this.#assertOpen('recordInput');
    const checked = checkInput(input);
    this.#require(checked.value.sessionId);
    if (this.#inputs.has(checked.value.inputId)) {
      throw new StoreError('conflict', `input ${checked.value.inputId} already recorded`);
    }
    this.#inputs.set(checked.value.inputId, checked.text);
  }

  async pendingInputs(sessionId: string): Promise<InputRecord[]> {
    this.#assertOpen('pendingInputs');
    this.#require(sessionId);
    return [...this.#inputs.keys()]
      .map((inputId) => this.#decodeInput(inputId))
      .filter((input): input is InputRecord => input?.sessionId === sessionId && input.state === 'accepted')
      .sort((left, right) => left.acceptedAtMs - right.acceptedAtMs);
  }

  /** Drops everything. Later calls fail with `io`; closing twice is a no-op. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#sessions.clear();
    this.#inputs.clear();
  }

  #assertOpen(operation: string): void {
    if (this.#closed) throw new StoreError('io', `${operation}: the store is closed`);
  }

  #require(sessionId: string): StoredSession {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) throw notFound(sessionId);
    return session;
  }

  #decodeRecord(sessionId: string, session: StoredSession): SessionRecord {
    return decodeStoredJson<SessionRecord>(session.record, StoredSessionRecord, `session ${sessionId}`);
  }

  #decodeInput(inputId: string): InputRecord | undefined {
    const text = this.#inputs.get(inputId);
    return text === undefined
      ? undefined
      : decodeStoredJson<InputRecord>(text, StoredInputRecord, `input ${inputId}`);
  }
}
