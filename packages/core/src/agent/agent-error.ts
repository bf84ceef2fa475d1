import type {
  AgentErrorClass,
  AgentErrorReason,
  AgentErrorReport,
  TurnTerminalCauseKind,
} from '@rkat/contracts';
import { LlmError } from '../errors/llm-error.js';
import type { AgentFailure } from './run-options.js';

export interface AgentErrorOptions {
  terminalCauseKind?: TurnTerminalCauseKind;
  reason?: AgentErrorReason;
  cause?: unknown;
}

/**
 * Why a run failed. `runAgent` emits `run_failed` and then throws it. `message` is stable and safe to
 * show: the surfaces answer `turn abandoned: <message>`. `report` is the wire AgentErrorReport.
 */
export class AgentError extends Error implements AgentFailure {
  override readonly name = 'AgentError';
  readonly errorClass: AgentErrorClass;
  readonly terminalCauseKind: TurnTerminalCauseKind | undefined;
  readonly report: AgentErrorReport;

  constructor(errorClass: AgentErrorClass, message: string, options: AgentErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.errorClass = errorClass;
    this.terminalCauseKind = options.terminalCauseKind;
    this.report = { class: errorClass, message, ...(options.reason ? { reason: options.reason } : {}) };
  }

  static is(value: unknown): value is AgentError {
    return value instanceof AgentError;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function llmReason(error: LlmError): AgentErrorReason {
  switch (error.kind) {
    case 'rate_limited':
      return {
        reason_type: 'llm_rate_limited',
        ...(error.retryAfterMs !== undefined ? { retry_after_ms: error.retryAfterMs } : {}),
      };
    case 'auth':
    case 'permission':
    case 'missing_credentials':
      return { reason_type: 'llm_auth_error' };
    case 'not_found':
      return { reason_type: 'llm_invalid_model', model: error.model ?? '' };
    default:
      return {
        reason_type: 'llm_provider_error',
        provider_error_kind: error.kind,
        provider_error_retryability: error.retryable ? 'retryable' : 'non_retryable',
        provider_error: error.message,
      };
  }
}

/**
 * The failure of a model call after the retry policy gave up. `retries` is the number of retries made;
 * `exhausted` is true when the error was retryable but no retries were left (`retry_exhausted`).
 */
export function modelCallError(error: unknown, retries: number, exhausted: boolean): AgentError {
  const terminalCauseKind: TurnTerminalCauseKind = exhausted ? 'retry_exhausted' : 'llm_failure';
  const base = errorMessage(error);
  const message = exhausted ? `LLM request failed after ${retries} retries: ${base}` : base;
  if (error instanceof LlmError) {
    return new AgentError('llm', message, { terminalCauseKind, reason: llmReason(error), cause: error });
  }
  return new AgentError('llm', message, { terminalCauseKind, cause: error });
}

/** The run was interrupted through `options.signal`. */
export function cancelledError(cause?: unknown): AgentError {
  return new AgentError('cancelled', 'request cancelled', { cause });
}

/** A boundary commit was rejected by the store. */
export function storeError(cause: unknown): AgentError {
  return new AgentError('store', `store commit failed: ${errorMessage(cause)}`, {
    terminalCauseKind: 'runtime_apply_failure',
    cause,
  });
}

/** The output schema could not be compiled at run start. */
export function invalidOutputSchemaError(reason: string, cause?: unknown): AgentError {
  return new AgentError('invalid_output_schema', `Invalid output_schema: ${reason}`, {
    reason: { reason_type: 'invalid_output_schema', reason },
    cause,
  });
}

/** Any error that is not already an `AgentError` becomes an `internal` failure. */
export function toAgentError(error: unknown): AgentError {
  if (error instanceof AgentError) return error;
  return new AgentError('internal', `internal error: ${errorMessage(error)}`, {
    terminalCauseKind: 'fatal_failure',
    cause: error,
  });
}
