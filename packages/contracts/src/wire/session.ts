import { Type, type Static } from '@sinclair/typebox';
import { SessionMessage } from './message.js';

const unixSeconds = Type.Integer({ minimum: 0, description: 'Unix seconds' });
const count = Type.Integer({ minimum: 0 });
const labels = Type.Optional(Type.Record(Type.String(), Type.String()));

/** A session's provider as `session/read` reports it; `other` marks an uncatalogued model. */
export const SessionProviderName = Type.Union([
  Type.Literal('anthropic'),
  Type.Literal('openai'),
  Type.Literal('gemini'),
  Type.Literal('self_hosted'),
  Type.Literal('other'),
]);
export type SessionProviderName = Static<typeof SessionProviderName>;

/** One row of `session/list` (01 §6.2). `labels` is omitted when empty. */
export const WireSessionSummary = Type.Object({
  session_id: Type.String(),
  session_ref: Type.Optional(Type.String()),
  created_at: unixSeconds,
  updated_at: unixSeconds,
  message_count: count,
  total_tokens: count,
  is_active: Type.Boolean(),
  labels,
});
export type WireSessionSummary = Static<typeof WireSessionSummary>;

/** The result of `session/list`. */
export const SessionListResult = Type.Object({ sessions: Type.Array(WireSessionSummary) });
export type SessionListResult = Static<typeof SessionListResult>;

/** What the session's current model can do. */
export const ResolvedModelCapabilities = Type.Object({
  vision: Type.Boolean(),
  image_input: Type.Boolean(),
  image_tool_results: Type.Boolean(),
  inline_video: Type.Boolean(),
  realtime: Type.Boolean(),
  web_search: Type.Boolean(),
  image_generation: Type.Boolean(),
});
export type ResolvedModelCapabilities = Static<typeof ResolvedModelCapabilities>;

/** The result of `session/read` (01 §6.3). */
export const WireSessionInfo = Type.Object({
  session_id: Type.String(),
  session_ref: Type.Optional(Type.String()),
  created_at: unixSeconds,
  updated_at: unixSeconds,
  message_count: count,
  is_active: Type.Boolean(),
  model: Type.String(),
  provider: SessionProviderName,
  last_assistant_text: Type.Optional(Type.String()),
  resolved_capabilities: Type.Optional(ResolvedModelCapabilities),
  labels,
});
export type WireSessionInfo = Static<typeof WireSessionInfo>;

/** The result of `session/history` (01 §6.4): committed messages, oldest first. */
export const SessionHistoryResult = Type.Object({
  session_id: Type.String(),
  session_ref: Type.Optional(Type.String()),
  /** The total number of messages of the session, not of this page. */
  message_count: count,
  offset: count,
  limit: Type.Optional(count),
  has_more: Type.Boolean(),
  messages: Type.Array(SessionMessage),
});
export type SessionHistoryResult = Static<typeof SessionHistoryResult>;
