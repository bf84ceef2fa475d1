import { AgentEvent as AgentEventSchema, checkContract, formatIssues } from '@rkat/contracts';
import type { AgentEvent as WireAgentEvent, Usage as WireEventUsage } from '@rkat/contracts';
import { camelKeys, type CamelKeys } from './camel-case.js';

/** Token usage of an event, in camelCase (`cacheCreationTokens` / `cacheReadTokens` are `null` when unknown). */
export type EventUsage = CamelKeys<WireEventUsage>;

type CamelEvent<E> = {
  [K in keyof CamelKeys<E>]: K extends 'usage' ? EventUsage : CamelKeys<E>[K];
};

/**
 * One typed agent event: the contract's AgentEvent with its top-level fields in camelCase (`usage` too);
 * nested payloads stay as the wire spells them. A discriminated union on `type`.
 */
export type AgentEvent = WireAgentEvent extends infer E ? (E extends unknown ? CamelEvent<E> : never) : never;

/** The event of one `type`. */
export type AgentEventOf<T extends AgentEvent['type']> = Extract<AgentEvent, { type: T }>;

/** An event of a known type whose fields did not match the contract. */
export interface MalformedEvent {
  readonly type: 'malformed_event';
  readonly rawType: string;
  readonly raw: Record<string, unknown>;
  readonly error: string;
}

/** An event of a type this SDK does not know (a newer runtime); kept whole. */
export interface UnknownEvent {
  readonly type: 'unknown_event';
  readonly rawType: string;
  readonly raw: Record<string, unknown>;
}

/** The typed events, a malformed event or an unknown one (what `parseCoreEvent` returns). */
export type CoreAgentEvent = AgentEvent | MalformedEvent | UnknownEvent;

/** One frame of a scoped event's path. */
export type StreamScopeFrame =
  | { readonly scope: 'primary'; readonly session_id: string }
  | { readonly scope: 'mob_member'; readonly flow_run_id: string; readonly agent_identity: string };

/** An event wrapped with its scope (`{event, scope_id, scope_path}` on the wire). */
export interface ScopedAgentEvent {
  readonly type: 'scoped_agent_event';
  readonly scopeId: string;
  readonly scopePath: readonly StreamScopeFrame[];
  readonly event: CoreAgentEvent;
}

/** What an `EventStream` yields. */
export type StreamEvent = CoreAgentEvent | ScopedAgentEvent;

const VARIANTS = new Map<string, object>(
  AgentEventSchema.anyOf.map((schema) => [schema.properties.type.const as string, schema]),
);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses one event as `session/event` carries it (00-decisions §1: the envelope with the flat event's
 * fields copied to the top level). The envelope's `payload` is preferred when it is the event itself.
 * Never throws: unknown types become `UnknownEvent`, contract violations `MalformedEvent`.
 */
export function parseEvent(raw: unknown): StreamEvent {
  const outer = isRecord(raw) ? raw : {};
  if (outer.event && (typeof outer.scope_id === 'string' || Array.isArray(outer.scope_path))) {
    return {
      type: 'scoped_agent_event',
      scopeId: typeof outer.scope_id === 'string' ? outer.scope_id : '',
      scopePath: Array.isArray(outer.scope_path) ? outer.scope_path.filter(isRecord).map(scopeFrame) : [],
      event: parseCoreEvent(outer.event),
    };
  }
  return parseCoreEvent(outer);
}

function scopeFrame(frame: Record<string, unknown>): StreamScopeFrame {
  if (frame.scope === 'mob_member') {
    return {
      scope: 'mob_member',
      flow_run_id: String(frame.flow_run_id ?? ''),
      agent_identity: String(frame.agent_identity ?? ''),
    };
  }
  return { scope: 'primary', session_id: String(frame.session_id ?? '') };
}

/** Parses one unscoped event; never throws (unknown types → `UnknownEvent`, violations → `MalformedEvent`). */
export function parseCoreEvent(raw: unknown): CoreAgentEvent {
  const outer = isRecord(raw) ? raw : {};
  const rawType = typeof outer.type === 'string' ? outer.type : String(outer.type);
  const payload = outer.payload;
  const event = isRecord(payload) && payload.type === outer.type ? payload : outer;
  const schema = VARIANTS.get(rawType);
  if (!schema) return { type: 'unknown_event', rawType, raw: outer };
  const checked = checkContract(schema, event);
  if (!checked.ok)
    return { type: 'malformed_event', rawType, raw: outer, error: formatIssues(checked.issues) };
  const fields = camelKeys(event);
  if (isRecord(event.usage)) fields.usage = camelKeys(event.usage);
  return fields as AgentEvent;
}

/** True for a `text_delta` event. */
export function isTextDelta(event: StreamEvent): event is AgentEventOf<'text_delta'> {
  return event.type === 'text_delta';
}

/** True for a `run_completed` event. */
export function isRunCompleted(event: StreamEvent): event is AgentEventOf<'run_completed'> {
  return event.type === 'run_completed';
}

/** True for a `run_failed` event. */
export function isRunFailed(event: StreamEvent): event is AgentEventOf<'run_failed'> {
  return event.type === 'run_failed';
}

/** True for a `tool_call_requested` event. */
export function isToolCallRequested(event: StreamEvent): event is AgentEventOf<'tool_call_requested'> {
  return event.type === 'tool_call_requested';
}

/** True for a `text_complete` event. */
export function isTextComplete(event: StreamEvent): event is AgentEventOf<'text_complete'> {
  return event.type === 'text_complete';
}

/** True for a `turn_completed` event. */
export function isTurnCompleted(event: StreamEvent): event is AgentEventOf<'turn_completed'> {
  return event.type === 'turn_completed';
}

/** True for an `extraction_succeeded` event. */
export function isExtractionSucceeded(event: StreamEvent): event is AgentEventOf<'extraction_succeeded'> {
  return event.type === 'extraction_succeeded';
}

/** True for an `extraction_failed` event. */
export function isExtractionFailed(event: StreamEvent): event is AgentEventOf<'extraction_failed'> {
  return event.type === 'extraction_failed';
}
