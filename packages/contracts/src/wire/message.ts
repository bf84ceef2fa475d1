import { Type, type Static } from '@sinclair/typebox';
import { ContentBlock, ContentInput } from './content.js';
import { StopReason } from './common.js';

/** Provider-specific replay data attached to an assistant block (tag `provider`). */
export const BlockMeta = Type.Union([
  Type.Object({ provider: Type.Literal('anthropic'), signature: Type.String() }),
  Type.Object({ provider: Type.Literal('anthropic_redacted'), data: Type.String() }),
  Type.Object({ provider: Type.Literal('anthropic_compaction'), content: Type.String() }),
  Type.Object({ provider: Type.Literal('gemini'), thoughtSignature: Type.String() }),
  Type.Object({
    provider: Type.Literal('open_ai'),
    id: Type.String(),
    encrypted_content: Type.Optional(Type.String()),
    phase: Type.Optional(Type.String()),
  }),
  Type.Object({ provider: Type.Literal('unknown') }),
]);
export type BlockMeta = Static<typeof BlockMeta>;

const meta = Type.Optional(BlockMeta);

/** One block of an assistant reply as stored and as returned by `session/history`. */
export const AssistantBlock = Type.Union([
  Type.Object({ block_type: Type.Literal('text'), data: Type.Object({ text: Type.String(), meta }) }),
  Type.Object({ block_type: Type.Literal('reasoning'), data: Type.Object({ text: Type.String(), meta }) }),
  Type.Object({
    block_type: Type.Literal('tool_use'),
    data: Type.Object({
      id: Type.String(),
      name: Type.String(),
      args: Type.Record(Type.String(), Type.Unknown()),
      meta,
    }),
  }),
  Type.Object({
    block_type: Type.Literal('server_tool_content'),
    data: Type.Object({
      id: Type.Optional(Type.String()),
      name: Type.String(),
      content: Type.Unknown(),
      meta,
    }),
  }),
]);
export type AssistantBlock = Static<typeof AssistantBlock>;

export const ToolResult = Type.Object({
  tool_use_id: Type.String(),
  content: Type.Union([Type.String(), Type.Array(ContentBlock)]),
  is_error: Type.Boolean(),
});
export type ToolResult = Static<typeof ToolResult>;

export const SystemNoticeKind = Type.Union([
  Type.Literal('generic'),
  Type.Literal('mcp_pending'),
  Type.Literal('background_job'),
  Type.Literal('tool_scope'),
  Type.Literal('tool_scope_warning'),
  Type.Literal('auth_reauth_required'),
]);
export type SystemNoticeKind = Static<typeof SystemNoticeKind>;

const createdAt = Type.String({ description: 'RFC 3339 timestamp' });

/**
 * One message of a session transcript (tag `role`): the stored form and the `session/history` wire form.
 * New assistant replies are always written as `block_assistant`; `assistant` is the legacy form, read only.
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
    tool_calls: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String(),
          name: Type.String(),
          args: Type.Record(Type.String(), Type.Unknown()),
        }),
      ),
    ),
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
