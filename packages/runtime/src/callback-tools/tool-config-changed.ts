import type { AgentEventOf, ToolConfigChangedPayload } from '@rkat/contracts';
import type { ExternalToolChange } from './external-tool-registry.js';

/** The parts of an applied external-tool change that vary. */
export interface ExternalToolDeltaInput {
  /** `add` for new tools, `reload` when an existing definition was replaced. */
  operation: 'add' | 'reload';
  /** What changed (the tool names, comma-separated). */
  target: string;
  /** The display string; default `applied`. */
  status?: string;
  /** Free-form detail for `status_info.detail`. */
  detail?: string;
  /** The turn at whose boundary the change took effect. */
  appliedAtTurn?: number;
}

/**
 * The `payload` of a `tool_config_changed` event for a callback-tool registration that a session applied
 * at a turn boundary (01 §8.2, §16): `status_info` is `{kind: "external_tool_delta", phase: "applied"}`
 * and `persisted` is false (registrations live in the process only).
 */
export function externalToolDeltaPayload(input: ExternalToolDeltaInput): ToolConfigChangedPayload {
  const payload: ToolConfigChangedPayload = {
    operation: input.operation,
    target: input.target,
    status: input.status ?? 'applied',
    status_info:
      input.detail === undefined
        ? { kind: 'external_tool_delta', phase: 'applied' }
        : { kind: 'external_tool_delta', phase: 'applied', detail: input.detail },
    persisted: false,
  };
  if (input.appliedAtTurn !== undefined) payload.applied_at_turn = input.appliedAtTurn;
  return payload;
}

/**
 * The payload for a registry change: `reload` when any definition was replaced, else `add`; `target`
 * lists every changed name; `detail` says which were added and which replaced.
 */
export function externalToolChangePayload(
  change: ExternalToolChange,
  appliedAtTurn?: number,
): ToolConfigChangedPayload {
  const parts: string[] = [];
  if (change.added.length > 0) parts.push(`added: ${change.added.join(', ')}`);
  if (change.replaced.length > 0) parts.push(`replaced: ${change.replaced.join(', ')}`);
  return externalToolDeltaPayload({
    operation: change.replaced.length > 0 ? 'reload' : 'add',
    target: [...change.added, ...change.replaced].join(', '),
    detail: `${parts.join('; ')} (revision ${change.revision})`,
    appliedAtTurn,
  });
}

/** The whole `tool_config_changed` AgentEvent for a registry change. */
export function externalToolChangeEvent(
  change: ExternalToolChange,
  appliedAtTurn?: number,
): AgentEventOf<'tool_config_changed'> {
  return { type: 'tool_config_changed', payload: externalToolChangePayload(change, appliedAtTurn) };
}
