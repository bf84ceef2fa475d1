import type { SessionRecord } from '@rkat/core';
import type { CheckedCommit, CheckedPatch } from '../shared/write-checks.js';

// Named parameters for the statements of statements.ts, built from values write-checks.ts has checked.

const bit = (value: boolean): number => (value ? 1 : 0);

/** Parameters of `insertSession`. */
export function sessionRowParams(record: SessionRecord): Record<string, string | number | null> {
  return {
    session_id: record.sessionId,
    created_at_ms: record.createdAtMs,
    updated_at_ms: record.updatedAtMs,
    model: record.model,
    provider: record.provider,
    labels_json: JSON.stringify(record.labels),
    archived: bit(record.archived),
    pending: bit(record.pending),
    settings_json: JSON.stringify(record.settings),
    input_tokens: record.usage.inputTokens,
    output_tokens: record.usage.outputTokens,
    cache_creation_tokens: record.usage.cacheCreationTokens,
    cache_read_tokens: record.usage.cacheReadTokens,
    message_count: record.messageCount,
    last_assistant_text: record.lastAssistantText ?? null,
  };
}

/** Parameters of `applyBoundary`: the usage delta is added, the last assistant text kept when absent. */
export function boundaryParams(commit: CheckedCommit): Record<string, string | number | null> {
  return {
    session_id: commit.sessionId,
    updated_at_ms: commit.updatedAtMs,
    appended: commit.messages.length,
    input_tokens: commit.usageDelta.inputTokens,
    output_tokens: commit.usageDelta.outputTokens,
    cache_creation_tokens: commit.usageDelta.cacheCreationTokens,
    cache_read_tokens: commit.usageDelta.cacheReadTokens,
    last_assistant_text: commit.lastAssistantText ?? null,
  };
}

/** Parameters of `patchSession`: `null` leaves a column as it is. */
export function patchParams(sessionId: string, patch: CheckedPatch): Record<string, string | number | null> {
  return {
    session_id: sessionId,
    labels_json: patch.labels === undefined ? null : JSON.stringify(patch.labels),
    archived: patch.archived === undefined ? null : bit(patch.archived),
    settings_json: patch.settings === undefined ? null : JSON.stringify(patch.settings),
    model: patch.model ?? null,
    provider: patch.provider ?? null,
    pending: patch.pending === undefined ? null : bit(patch.pending),
  };
}
