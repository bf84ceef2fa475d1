import { RuntimeError } from '../errors/runtime-error.js';
import { sessionRef } from './run-result.js';
import type { ServiceContext } from './service-context.js';
import {
  renderHistoryMessage,
  toSessionInfo,
  toSessionSummary,
  type SessionHistory,
  type SessionInfo,
  type SessionSummary,
} from './session-views.js';

/** `session/list` params (01 §6.2). */
export interface SessionListOptions {
  /** AND of exact key/value matches. */
  labels?: Record<string, string> | null;
  limit?: number | null;
  offset?: number | null;
}

/** A page of `session/history` (01 §6.4). */
export interface HistoryPage {
  offset?: number | null;
  limit?: number | null;
}

function count(value: number | null | undefined, name: string): number | undefined {
  if (value == null) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RuntimeError('INVALID_PARAMS', `${name} must be >= 0`);
  }
  return value;
}

/**
 * Non-archived sessions (01 §6.2): pending (deferred, never run) sessions first, then the others by
 * `updated_at` descending; the label filter is an AND of exact matches; `offset` and `limit` apply to the
 * merged list. `isActive` = a run (or an archive) holds the session. Throws `INVALID_PARAMS`.
 */
export async function listSessions(
  context: ServiceContext,
  options: SessionListOptions = {},
): Promise<SessionSummary[]> {
  const offset = count(options.offset, 'offset') ?? 0;
  const limit = count(options.limit, 'limit');
  const records = await context.options.store.listSessions(
    options.labels ? { labels: { ...options.labels } } : {},
  );
  const ordered = [
    ...records.filter((record) => record.pending),
    ...records.filter((record) => !record.pending),
  ];
  const page = ordered.slice(offset, limit === undefined ? undefined : offset + limit);
  return page.map((record) =>
    toSessionSummary(context.realmId, record, context.registry.claimOf(record.sessionId) !== undefined),
  );
}

/** A session's metadata (01 §6.3); archived sessions stay readable. Throws `SESSION_NOT_FOUND`. */
export async function readSession(context: ServiceContext, sessionId: string): Promise<SessionInfo> {
  const record = await context.registry.record(sessionId);
  const capabilities =
    record.provider === 'other' ? undefined : context.options.providers.modelCapabilities?.(record.model);
  return toSessionInfo(
    context.realmId,
    record,
    context.registry.claimOf(sessionId) !== undefined,
    capabilities,
  );
}

/**
 * A page of the committed transcript, oldest first (01 §6.4); `hasMore` when messages follow the page. A
 * user message of a single text block is rendered as a string. Throws `SESSION_NOT_FOUND` or `INVALID_PARAMS`.
 */
export async function readHistory(
  context: ServiceContext,
  sessionId: string,
  page: HistoryPage = {},
): Promise<SessionHistory> {
  const offset = count(page.offset, 'offset') ?? 0;
  const limit = count(page.limit, 'limit');
  const record = await context.registry.record(sessionId);
  const messages = await context.options.store.readMessages(record.sessionId, {
    offset,
    ...(limit !== undefined ? { limit } : {}),
  });
  return {
    sessionId: record.sessionId,
    sessionRef: sessionRef(context.realmId, record.sessionId),
    messageCount: record.messageCount,
    offset,
    ...(limit !== undefined ? { limit } : {}),
    hasMore: offset + messages.length < record.messageCount,
    messages: messages.map(renderHistoryMessage),
  };
}
