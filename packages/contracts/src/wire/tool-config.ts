import { Type, type Static } from '@sinclair/typebox';
import { stringEnum } from './string-enum.js';

/** The kind of a live tool-configuration change. */
export const ToolConfigChangeOperation = stringEnum(['add', 'remove', 'reload'] as const);
export type ToolConfigChangeOperation = Static<typeof ToolConfigChangeOperation>;

/** Progress of a callback-tool registration change through the session's turn boundary. */
export const ExternalToolDeltaPhase = stringEnum([
  'pending',
  'applied',
  'draining',
  'forced',
  'failed',
] as const);
export type ExternalToolDeltaPhase = Static<typeof ExternalToolDeltaPhase>;

const count = Type.Integer({ minimum: 0 });

/** The structured status of a tool-configuration change (tag `kind`). */
export const ToolConfigChangeStatus = Type.Union([
  Type.Object({
    kind: Type.Literal('boundary_applied'),
    base_changed: Type.Boolean(),
    visible_changed: Type.Boolean(),
    revision: count,
  }),
  Type.Object({
    kind: Type.Literal('deferred_catalog_delta'),
    added_hidden_count: count,
    removed_hidden_count: count,
    pending_source_count: count,
  }),
  Type.Object({ kind: Type.Literal('warning_failed_closed'), error: Type.String() }),
  Type.Object({
    kind: Type.Literal('external_tool_delta'),
    phase: ExternalToolDeltaPhase,
    detail: Type.Optional(Type.String()),
  }),
  Type.Object({ kind: Type.Literal('legacy_status'), status: Type.String() }),
]);
export type ToolConfigChangeStatus = Static<typeof ToolConfigChangeStatus>;

/** The `payload` of a `tool_config_changed` event: a live tool or MCP change (01 §8.2). */
export const ToolConfigChangedPayload = Type.Object({
  operation: ToolConfigChangeOperation,
  target: Type.String(),
  /** A display string; `status_info` carries the structured form. */
  status: Type.String(),
  status_info: ToolConfigChangeStatus,
  persisted: Type.Boolean(),
  applied_at_turn: Type.Optional(count),
  domain: Type.Optional(stringEnum(['tool_scope', 'deferred_catalog'] as const)),
  deferred_catalog_delta: Type.Optional(Type.Unknown()),
});
export type ToolConfigChangedPayload = Static<typeof ToolConfigChangedPayload>;
