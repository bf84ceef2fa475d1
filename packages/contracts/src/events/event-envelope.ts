import { Type, type Static } from '@sinclair/typebox';
import { AgentEvent } from './agent-event.js';

/** Where an event came from (tag `type`, 01 §8.1). */
export const EventSource = Type.Union([
  Type.Object({ type: Type.Literal('session'), session_id: Type.String() }),
  Type.Object({ type: Type.Literal('runtime'), runtime_id: Type.String() }),
  Type.Object({ type: Type.Literal('interaction'), interaction_id: Type.String() }),
  Type.Object({ type: Type.Literal('callback') }),
  Type.Object({ type: Type.Literal('external'), source_id: Type.String() }),
]);
export type EventSource = Static<typeof EventSource>;

/** The envelope fields around an AgentEvent, without `payload`. */
export const EVENT_ENVELOPE_FIELDS = {
  event_id: Type.String({ description: 'UUID v7' }),
  source: EventSource,
  /** Legacy string form of `source`: `session:<id>`, `runtime:<id>`, `interaction:<id>`, `callback` or the raw external id. */
  source_id: Type.String(),
  /** Starts at 1 and increments per live session instance; restarts after a reload. */
  seq: Type.Integer({ minimum: 0 }),
  mob_id: Type.Optional(Type.String()),
  /** Epoch milliseconds. */
  timestamp_ms: Type.Integer({ minimum: 0 }),
};

/** The original event envelope of `session/event` (01 §8.1). */
export const EventEnvelope = Type.Object({ ...EVENT_ENVELOPE_FIELDS, payload: AgentEvent });
export type EventEnvelope = Static<typeof EventEnvelope>;
