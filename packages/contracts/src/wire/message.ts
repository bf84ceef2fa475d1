import { Type, type Static } from '@sinclair/typebox';
import { ContentBlock, ContentInput } from './content.js';
import { StopReason } from './common.js';
import { AssistantBlock } from './assistant-block.js';

/** The result of one tool call inside a `tool_results` message. */
export const ToolResult = Type.Object({
  tool_use_id: Type.String(),
  content: Type.Union([Type.String(), Type.Array(ContentBlock)]),
  is_error: Type.Boolean(),
});
export type ToolResult = Static<typeof ToolResult>;

/** What a `system_notice` message is about. */
export const SystemNoticeKind = Type.Union([
  Type.Literal('generic'),
  Type.Literal('mcp_pending'),
  Type.Literal('background_job'),
  Type.Literal('tool_scope'),
  Type.Literal('tool_scope_warning'),
  Type.Literal('auth_reauth_required'),
]);
export type SystemNoticeKind = Static<typeof SystemNoticeKind>;

/** A tool call of the legacy `assistant` message form. */
export const SessionToolCall = Type.Object({
  id: Type.String(),
  name: Type.String(),
  args: Type.Record(Type.String(), Type.Unknown()),
});
export type SessionToolCall = Static<typeof SessionToolCall>;

const createdAt = Type.String({ description: 'RFC 3339 timestamp' });

/**
 * One message of a session transcript (tag `role`): the stored form and the `session/history` wire form
 * (WireSessionMessage, 01 §6.4). New assistant replies are written as `block_assistant`; `assistant` is the
 * legacy form, read only. A `user` message whose content is a single text block is rendered as a string.
 */
export const SessionMessage = Type.Union([
  Type.Object({ role: Type.Literal('system'), content: Type.String(), created_at: createdAt }),
  Type.Object({
    role: Type.Literal('system_notice'),
    kind: SystemNoticeKind,
    body: Type.String(),
    created_at: createdAt,
  }),
  Type.Object({ role: Type.Literal('user'), content: ContentInput, created_at: createdAt }),
  Type.Object({
    role: Type.Literal('assistant'),
    content: Type.String(),
    tool_calls: Type.Optional(Type.Array(SessionToolCall)),
    stop_reason: StopReason,
    created_at: createdAt,
  }),
  Type.Object({
    role: Type.Literal('block_assistant'),
    blocks: Type.Array(AssistantBlock),
    stop_reason: StopReason,
    created_at: createdAt,
  }),
  Type.Object({ role: Type.Literal('tool_results'), results: Type.Array(ToolResult), created_at: createdAt }),
]);
export type SessionMessage = Static<typeof SessionMessage>;

/** The `session/history` name of SessionMessage (01 §6.4); the same schema. */
export const WireSessionMessage = SessionMessage;
export type WireSessionMessage = SessionMessage;
