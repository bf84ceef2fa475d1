import {
  AGENT_ERROR_CLASSES,
  TurnTerminalCauseKind as TurnTerminalCauseKindSchema,
  checkContract,
  type AgentErrorClass,
  type TurnTerminalCauseKind,
  type Usage,
  type WireRunResult,
  type WireUsage,
} from '@rkat/contracts';
import type { AgentRunResult, UsageTotals } from '@rkat/core';
import { TurnFailedError } from './turn-failed-error.js';

/** `<realm_id>:<session_id>` (01 §5). */
export function sessionRef(realmId: string, sessionId: string): string {
  return `${realmId}:${sessionId}`;
}

/** Event usage → result usage: `total_tokens` = input + output; cache counts only when known. */
export function toWireUsage(usage: Usage): WireUsage {
  const wire: WireUsage = {
    input_tokens: usage.input_tokens,
    output_tokens: usage.output_tokens,
    total_tokens: usage.input_tokens + usage.output_tokens,
  };
  if (usage.cache_creation_tokens !== null) wire.cache_creation_tokens = usage.cache_creation_tokens;
  if (usage.cache_read_tokens !== null) wire.cache_read_tokens = usage.cache_read_tokens;
  return wire;
}

/** Event usage → the store's totals (unknown cache counts count as 0). */
export function toUsageTotals(usage: Usage): UsageTotals {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheCreationTokens: usage.cache_creation_tokens ?? 0,
    cacheReadTokens: usage.cache_read_tokens ?? 0,
  };
}

/** Maps a finished run to the wire result (per-run usage, 00-decisions.md §8). */
export function toWireRunResult(realmId: string, sessionId: string, run: AgentRunResult): WireRunResult {
  const result: WireRunResult = {
    session_id: sessionId,
    session_ref: sessionRef(realmId, sessionId),
    text: run.text,
    turns: run.turns,
    tool_calls: run.toolCalls,
    usage: toWireUsage(run.usage),
  };
  if (run.terminalCauseKind !== undefined) result.terminal_cause_kind = run.terminalCauseKind;
  if (run.structuredOutput !== undefined) result.structured_output = run.structuredOutput;
  if (run.extractionError !== undefined) result.extraction_error = run.extractionError;
  if (run.schemaWarnings !== undefined && run.schemaWarnings.length > 0) {
    result.schema_warnings = run.schemaWarnings;
  }
  return result;
}

const ERROR_CLASSES: ReadonlySet<string> = new Set(AGENT_ERROR_CLASSES);

function readErrorClass(error: unknown): AgentErrorClass {
  const value = (error as { errorClass?: unknown } | null)?.errorClass;
  return typeof value === 'string' && ERROR_CLASSES.has(value) ? (value as AgentErrorClass) : 'internal';
}

function readTerminalCause(error: unknown): TurnTerminalCauseKind | undefined {
  const value = (error as { terminalCauseKind?: unknown } | null)?.terminalCauseKind;
  return checkContract<TurnTerminalCauseKind>(TurnTerminalCauseKindSchema, value).ok
    ? (value as TurnTerminalCauseKind)
    : undefined;
}

/**
 * Maps whatever `runAgent` threw to a `TurnFailedError`, keeping the agent error class and terminal cause
 * when the error carries them (an `AgentError`); anything else becomes class `internal`.
 */
export function toTurnFailedError(
  sessionId: string,
  error: unknown,
  identity: { provider?: string; model?: string } = {},
): TurnFailedError {
  const terminalCauseKind = readTerminalCause(error);
  return new TurnFailedError({
    sessionId,
    ...identity,
    errorClass: readErrorClass(error),
    ...(terminalCauseKind ? { terminalCauseKind } : {}),
    reason: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}
