import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { AgentEvent } from './agent-event.js';
import { EVENT_ENVELOPE_FIELDS, EventEnvelope } from './event-envelope.js';

type EnvelopeKey = keyof EventEnvelope;

/**
 * The event object of `session/event`, `session/stream_event` and `mob/stream_event`
 * (00-decisions.md §1): the envelope plus every field of its payload at the top level. On a key collision
 * (`payload` of `tool_config_changed` and `hook_denied`) the envelope's key wins.
 */
export type SessionEventObject<E extends AgentEvent = AgentEvent> = E extends AgentEvent
  ? Omit<E, EnvelopeKey> & Omit<EventEnvelope, 'payload'> & { payload: E }
  : never;

const envelopeKeys = new Set<string>([...Object.keys(EVENT_ENVELOPE_FIELDS), 'payload']);
const envelopeRequired = EventEnvelope.required ?? [];

function flatVariant(member: TObject): Record<string, unknown> {
  const properties: Record<string, TSchema> = {};
  for (const [key, schema] of Object.entries(member.properties)) {
    if (!envelopeKeys.has(key)) properties[key] = schema;
  }
  const required = (member.required ?? []).filter((key) => !envelopeKeys.has(key));
  // `payload` is this same variant (not the whole AgentEvent union): exact, and small enough to compile.
  return {
    type: 'object',
    properties: { ...properties, ...EVENT_ENVELOPE_FIELDS, payload: member },
    required: [...required, ...envelopeRequired],
  };
}

/** JSON Schema of SessionEventObject: one flat variant per AgentEvent type. */
export const SessionEventObject = Type.Unsafe<SessionEventObject>({
  anyOf: AgentEvent.anyOf.map(flatVariant),
});

/**
 * Builds the `session/event` object from an envelope: the envelope's keys first, then every payload key
 * the envelope does not already have. Does not mutate or validate the envelope.
 */
export function toSessionEventObject<E extends AgentEvent>(
  envelope: EventEnvelope & { payload: E },
): SessionEventObject<E> {
  const flat: Record<string, unknown> = { ...envelope };
  for (const [key, value] of Object.entries(envelope.payload)) {
    // defineProperty, not assignment: a `__proto__` key must stay an inert own property.
    if (!Object.hasOwn(flat, key)) {
      Object.defineProperty(flat, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return flat as SessionEventObject<E>;
}

/** Params of the `session/event` notification. `session_id` is always present (01 §8.1). */
export const SessionEventParams = Type.Object({ session_id: Type.String(), event: SessionEventObject });
export type SessionEventParams = Static<typeof SessionEventParams>;
