import type { ToolConfigChangedPayload } from '@rkat/contracts';

export type McpLiveOperation = 'add' | 'remove' | 'reload';

/**
 * What `stageAdd`/`stageRemove`/`stageReload` return: the part of the `mcp/*` result (01 §13) that the
 * tool source knows. The runtime adds `session_id` (as sent) and `persisted`.
 */
export interface McpStagedChange {
  operation: McpLiveOperation;
  /** Absent for a reload of every server. */
  server_name?: string;
  status: 'staged';
}

/**
 * The outcome of one staged change for one server at a turn boundary, shaped like the original's
 * `ExternalToolDelta`: `applied`, `failed` (with `detail`), `draining` (a remove waiting for in-flight
 * calls) and later `applied` or `forced` when that drain ends.
 */
export type McpLifecyclePhase = 'applied' | 'failed' | 'draining' | 'forced';

export interface McpLifecycleChange {
  operation: McpLiveOperation;
  target: string;
  phase: McpLifecyclePhase;
  /** Tools the server lists after an applied add or reload. */
  tool_count?: number;
  /** Why it failed; secrets already masked. */
  detail?: string;
  /** Set on the `applied`/`forced` remove that ends a drain (reported at a later boundary). */
  drained?: true;
}

/** The `tool_config_changed` payload (01 §8.2) for one change, as the original builds it. */
export function toToolConfigChangedPayload(
  change: McpLifecycleChange,
  appliedAtTurn?: number,
): ToolConfigChangedPayload {
  const detail = change.detail === undefined ? {} : { detail: change.detail };
  return {
    operation: change.operation,
    target: change.target,
    status:
      change.phase === 'failed' && change.detail !== undefined ? `failed: ${change.detail}` : change.phase,
    status_info: { kind: 'external_tool_delta', phase: change.phase, ...detail },
    persisted: change.phase !== 'draining',
    ...(appliedAtTurn === undefined ? {} : { applied_at_turn: appliedAtTurn }),
  };
}
