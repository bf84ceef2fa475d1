import type { AgentErrorClass, TurnTerminalCauseKind } from '@rkat/contracts';
import { LlmError, type LlmErrorKind } from '@rkat/core';
import { RuntimeError } from '../errors/runtime-error.js';

export interface TurnFailure {
  sessionId: string;
  errorClass: AgentErrorClass;
  terminalCauseKind?: TurnTerminalCauseKind;
  /** Why the run failed, without the `turn abandoned:` prefix. */
  reason: string;
  /** The session's LLM identity when the run failed. */
  provider?: string;
  model?: string;
  cause?: unknown;
}

/** Finds the first `LlmError` in a cause chain (bounded, so a cyclic chain cannot loop forever). */
export function findLlmError(error: unknown): LlmError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 16 && current !== undefined && current !== null; depth += 1) {
    if (LlmError.is(current)) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

/**
 * A run that failed (01 §7.1; 00-decisions.md §7): message `turn abandoned: <reason>`, the agent error class
 * and terminal cause for the surface's error code, and — when a model call caused it — the `LlmError` kind
 * (`missing_credentials` tells a surface to ask for the key named in `reason`). The session stays resumable.
 */
export class TurnFailedError extends RuntimeError {
  override readonly name = 'TurnFailedError';
  readonly sessionId: string;
  readonly errorClass: AgentErrorClass;
  readonly terminalCauseKind: TurnTerminalCauseKind | undefined;
  readonly reason: string;
  readonly llmErrorKind: LlmErrorKind | undefined;
  /** Whether the model call that failed may succeed if tried again (the `LlmError`'s flag). */
  readonly retryable: boolean | undefined;
  readonly provider: string | undefined;
  readonly model: string | undefined;

  constructor(failure: TurnFailure) {
    super('TURN_FAILED', `turn abandoned: ${failure.reason}`, { cause: failure.cause });
    this.sessionId = failure.sessionId;
    this.errorClass = failure.errorClass;
    this.terminalCauseKind = failure.terminalCauseKind;
    this.reason = failure.reason;
    const llmError = findLlmError(failure.cause);
    this.llmErrorKind = llmError?.kind;
    this.retryable = llmError?.retryable;
    this.provider = failure.provider;
    this.model = failure.model;
  }
}
