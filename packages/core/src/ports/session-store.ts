import type { ContentInput, SessionMessage } from '@rkat/contracts';

/** Token totals kept per session. */
export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

/** A stored session's metadata row. Messages are stored and read separately. */
export interface SessionRecord {
  sessionId: string;
  createdAtMs: number;
  updatedAtMs: number;
  /** The durable LLM identity; `other` is an uncatalogued model (fails at the first turn). */
  model: string;
  provider: string;
  labels: Record<string, string>;
  archived: boolean;
  /** Never run yet (a deferred create); its staged prompt lives in `settings`. */
  pending: boolean;
  /** Create-time options owned by the runtime (system prompt, max tokens, output schema, ...), as JSON. */
  settings: Record<string, unknown>;
  usage: UsageTotals;
  messageCount: number;
  lastAssistantText?: string;
}

export interface SessionListQuery {
  /** AND of exact key/value matches. */
  labels?: Record<string, string>;
  includeArchived?: boolean;
  limit?: number;
  offset?: number;
}

export type InputState = 'accepted' | 'consumed' | 'abandoned';

/** A user input accepted for a session; durable before the request that carried it is acknowledged. */
export interface InputRecord {
  inputId: string;
  sessionId: string;
  content: ContentInput;
  state: InputState;
  acceptedAtMs: number;
}

/**
 * Everything one turn boundary writes, committed in one transaction (00-decisions.md §16): the appended
 * transcript messages, the usage delta, the session metadata and, at the run's end, the input's terminal state.
 */
export interface BoundaryCommit {
  sessionId: string;
  /** The message count the writer last saw; a mismatch fails the commit with `conflict` and writes nothing. */
  expectedMessageCount: number;
  messages: readonly SessionMessage[];
  usageDelta: UsageTotals;
  updatedAtMs: number;
  lastAssistantText?: string;
  /** Metadata changed by the run (e.g. a deferred session's first run clears `pending`). */
  sessionPatch?: Partial<Pick<SessionRecord, 'model' | 'provider' | 'labels' | 'settings' | 'pending'>>;
  input?: { inputId: string; state: Exclude<InputState, 'accepted'> };
}

export interface MessagePage {
  offset: number;
  limit?: number;
}

/**
 * Durable session storage for one realm. Every method is atomic. Rows that fail to decode raise
 * `StoreError('corrupt')` naming the row, without affecting other rows.
 */
export interface SessionStore {
  createSession(record: SessionRecord, messages?: readonly SessionMessage[]): Promise<void>;
  getSession(sessionId: string): Promise<SessionRecord | undefined>;
  /** Ordered by `updatedAtMs` descending. */
  listSessions(query?: SessionListQuery): Promise<SessionRecord[]>;
  readMessages(sessionId: string, page?: MessagePage): Promise<SessionMessage[]>;
  commitBoundary(commit: BoundaryCommit): Promise<void>;
  updateSession(
    sessionId: string,
    patch: Partial<
      Pick<SessionRecord, 'labels' | 'archived' | 'settings' | 'model' | 'provider' | 'pending'>
    >,
  ): Promise<void>;
  recordInput(input: InputRecord): Promise<void>;
  /** Inputs still `accepted` (not yet consumed or abandoned), oldest first. */
  pendingInputs(sessionId: string): Promise<InputRecord[]>;
  close(): Promise<void>;
}
