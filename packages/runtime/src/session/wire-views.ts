import type { SessionHistoryResult, WireSessionInfo, WireSessionSummary } from '@rkat/contracts';
import type { SessionHistory, SessionInfo, SessionSummary } from './session-views.js';

const unixSeconds = (ms: number): number => Math.max(0, Math.floor(ms / 1000));

function labelsOf(labels: Record<string, string>): { labels?: Record<string, string> } {
  return Object.keys(labels).length > 0 ? { labels: { ...labels } } : {};
}

/** A `session/list` row (WireSessionSummary, 01 §6.2): unix seconds; `labels` omitted when empty. */
export function toWireSessionSummary(summary: SessionSummary): WireSessionSummary {
  return {
    session_id: summary.sessionId,
    session_ref: summary.sessionRef,
    created_at: unixSeconds(summary.createdAtMs),
    updated_at: unixSeconds(summary.updatedAtMs),
    message_count: summary.messageCount,
    total_tokens: summary.totalTokens,
    is_active: summary.isActive,
    ...labelsOf(summary.labels),
  };
}

/** The `session/read` result (WireSessionInfo, 01 §6.3). */
export function toWireSessionInfo(info: SessionInfo): WireSessionInfo {
  const wire: WireSessionInfo = {
    session_id: info.sessionId,
    session_ref: info.sessionRef,
    created_at: unixSeconds(info.createdAtMs),
    updated_at: unixSeconds(info.updatedAtMs),
    message_count: info.messageCount,
    is_active: info.isActive,
    model: info.model,
    provider: info.provider as WireSessionInfo['provider'],
    ...labelsOf(info.labels),
  };
  if (info.lastAssistantText !== undefined) wire.last_assistant_text = info.lastAssistantText;
  if (info.resolvedCapabilities) wire.resolved_capabilities = { ...info.resolvedCapabilities };
  return wire;
}

/** The `session/history` result (01 §6.4). */
export function toWireSessionHistory(history: SessionHistory): SessionHistoryResult {
  const wire: SessionHistoryResult = {
    session_id: history.sessionId,
    session_ref: history.sessionRef,
    message_count: history.messageCount,
    offset: history.offset,
    has_more: history.hasMore,
    messages: history.messages,
  };
  if (history.limit !== undefined) wire.limit = history.limit;
  return wire;
}
