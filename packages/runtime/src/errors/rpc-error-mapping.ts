import type { RpcErrorCode, TurnErrorMetadata } from '@rkat/contracts';
import { TurnFailedError } from '../session/turn-failed-error.js';
import type { RuntimeError } from './runtime-error.js';

/**
 * The JSON-RPC code a surface answers for a runtime failure (01 §3). A failed run keeps its class
 * (00-decisions.md §7): provider and build failures -32010, budgets -32011, hook denials -32012, internal
 * faults -32603, any other agent failure -32013. Invalid config and realm are invalid params.
 */
export function rpcErrorCodeOf(error: RuntimeError): RpcErrorCode {
  switch (error.code) {
    case 'INVALID_PARAMS':
    case 'INVALID_CONFIG':
    case 'INVALID_REALM':
      return 'INVALID_PARAMS';
    case 'SESSION_NOT_FOUND':
    case 'SESSION_BUSY':
    case 'REQUEST_CANCELLED':
    case 'INTERNAL_ERROR':
    case 'SKILL_NOT_FOUND':
    case 'SKILL_RESOLUTION_FAILED':
      return error.code;
    case 'TURN_FAILED':
      return error instanceof TurnFailedError ? turnFailureCode(error) : 'AGENT_ERROR';
    default: {
      const unreachable: never = error.code;
      return unreachable;
    }
  }
}

function turnFailureCode(error: TurnFailedError): RpcErrorCode {
  switch (error.errorClass) {
    case 'llm':
    case 'build':
    case 'auth':
    case 'content_filtered':
      return 'PROVIDER_ERROR';
    case 'budget':
      return 'BUDGET_EXHAUSTED';
    case 'hook':
      return 'HOOK_DENIED';
    case 'internal':
    case 'store':
      return 'INTERNAL_ERROR';
    default:
      return 'AGENT_ERROR';
  }
}

/** `error.data.error` of a failed run (TurnErrorMetadata, 00-decisions.md §7). */
export function turnErrorMetadata(error: TurnFailedError): TurnErrorMetadata {
  const metadata: TurnErrorMetadata = {
    kind: error.terminalCauseKind ?? 'unknown',
    terminal: true,
    outcome: 'failed',
    detail: error.reason,
  };
  if (error.provider !== undefined) metadata.provider = error.provider;
  if (error.model !== undefined) metadata.model = error.model;
  if (error.retryable !== undefined) metadata.retryable = error.retryable;
  return metadata;
}
