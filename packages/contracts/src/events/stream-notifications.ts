import { Type, type Static } from '@sinclair/typebox';
import { SessionEventObject } from './session-event.js';

/** One frame of a scoped event's path (delegated or mob member events). */
export const StreamScopeFrame = Type.Union([
  Type.Object({ scope: Type.Literal('primary'), session_id: Type.String() }),
  Type.Object({
    scope: Type.Literal('mob_member'),
    flow_run_id: Type.String(),
    agent_identity: Type.String(),
  }),
]);
export type StreamScopeFrame = Static<typeof StreamScopeFrame>;

/** Params of the `session/stream_event` notification (01 §8.3). `sequence` counts from 1 per stream. */
export const SessionStreamEventParams = Type.Object({
  stream_id: Type.String(),
  sequence: Type.Integer({ minimum: 1 }),
  session_id: Type.String(),
  event: SessionEventObject,
  /** Segments `primary` or `mob:<identity>` joined by `/`; only on scoped events. */
  scope_id: Type.Optional(Type.String()),
  scope_path: Type.Optional(Type.Array(StreamScopeFrame)),
});
export type SessionStreamEventParams = Static<typeof SessionStreamEventParams>;

/** Why a session stream ended. */
export const StreamEndOutcome = Type.Union([
  Type.Literal('remote_end'),
  Type.Literal('explicit_close'),
  Type.Literal('terminal_error'),
]);
export type StreamEndOutcome = Static<typeof StreamEndOutcome>;

/** Params of the `session/stream_end` notification (01 §8.3). */
export const SessionStreamEndParams = Type.Object({
  stream_id: Type.String(),
  session_id: Type.String(),
  ended: Type.Literal(true),
  outcome: StreamEndOutcome,
  error: Type.Optional(Type.Object({ code: Type.Literal('stream_queue_overflow'), message: Type.String() })),
});
export type SessionStreamEndParams = Static<typeof SessionStreamEndParams>;
