import type { ResolvedModelCapabilities, SessionMessage } from '@rkat/contracts';
import type { SessionRecord, UsageTotals } from '@rkat/core';
import { sessionRef } from './run-result.js';

/** One row of `listSessions` (the data of WireSessionSummary, 01 §6.2). */
export interface SessionSummary {
  sessionId: string;
  sessionRef: string;
  createdAtMs: number;
  updatedAtMs: number;
  messageCount: number;
  /** Session-cumulative input + output tokens. */
  totalTokens: number;
  isActive: boolean;
  labels: Record<string, string>;
}

/** `readSession` (the data of WireSessionInfo, 01 §6.3). */
export interface SessionInfo extends SessionSummary {
  model: string;
  provider: string;
  archived: boolean;
  pending: boolean;
  usage: UsageTotals;
  lastAssistantText?: string;
  /** What the session's model can do, from the model catalog (absent for an uncatalogued model). */
  resolvedCapabilities?: ResolvedModelCapabilities;
}

/** A page of committed messages, oldest first (01 §6.4). */
export interface SessionHistory {
  sessionId: string;
  sessionRef: string;
  /** All committed messages of the session. */
  messageCount: number;
  offset: number;
  limit?: number;
  hasMore: boolean;
  messages: SessionMessage[];
}

export function toSessionSummary(realmId: string, record: SessionRecord, isActive: boolean): SessionSummary {
  return {
    sessionId: record.sessionId,
    sessionRef: sessionRef(realmId, record.sessionId),
    createdAtMs: record.createdAtMs,
    updatedAtMs: record.updatedAtMs,
    messageCount: record.messageCount,
    totalTokens: record.usage.inputTokens + record.usage.outputTokens,
    isActive,
    labels: { ...record.labels },
  };
}

export function toSessionInfo(
  realmId: string,
  record: SessionRecord,
  isActive: boolean,
  resolvedCapabilities?: ResolvedModelCapabilities,
): SessionInfo {
  const info: SessionInfo = {
    ...toSessionSummary(realmId, record, isActive),
    model: record.model,
    provider: record.provider,
    archived: record.archived,
    pending: record.pending,
    usage: { ...record.usage },
  };
  if (record.lastAssistantText !== undefined) info.lastAssistantText = record.lastAssistantText;
  if (resolvedCapabilities) info.resolvedCapabilities = resolvedCapabilities;
  return info;
}

/** A message as `session/history` shows it: a user message of a single text block becomes a string. */
export function renderHistoryMessage(message: SessionMessage): SessionMessage {
  if (message.role !== 'user' || typeof message.content === 'string') return message;
  const [only, ...rest] = message.content;
  if (only?.type === 'text' && rest.length === 0) return { ...message, content: only.text };
  return message;
}

/** The text of the last assistant message among `messages`, if any has text. */
export function lastAssistantText(messages: readonly SessionMessage[]): string | undefined {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message?.role === 'block_assistant') {
      const text = message.blocks
        .flatMap((block) => (block.block_type === 'text' ? [block.data.text] : []))
        .join('');
      if (text !== '') return text;
    } else if (message?.role === 'assistant' && message.content !== '') {
      return message.content;
    }
  }
  return undefined;
}
