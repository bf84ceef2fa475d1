import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { stringEnum } from '../wire/string-enum.js';
import { HookPoint, HookReasonCode } from '../wire/hooks.js';
import { TurnTerminalCauseKind, TurnTerminalOutcome } from '../wire/common.js';
import { nullable } from '../wire/nullable.js';

/** Every AgentErrorClass name, in catalog order (01 §8.2). */
export const AGENT_ERROR_CLASSES = [
  'llm',
  'store',
  'tool',
  'mcp',
  'session_not_found',
  'budget',
  'max_tokens',
  'content_filtered',
  'max_turns',
  'cancelled',
  'invalid_state',
  'operation_not_found',
  'depth_limit',
  'concurrency_limit',
  'config',
  'internal',
  'build',
  'auth',
  'callback_pending',
  'structured_output',
  'invalid_output_schema',
  'hook',
  'terminal',
  'no_pending_boundary',
] as const;

/** The coarse class of an agent error (`run_failed.error_class`, `AgentErrorReport.class`). */
export const AgentErrorClass = stringEnum(AGENT_ERROR_CLASSES);
export type AgentErrorClass = Static<typeof AgentErrorClass>;

/** Whether the provider error may be retried. */
export const LlmProviderErrorRetryability = stringEnum(['retryable', 'non_retryable'] as const);
export type LlmProviderErrorRetryability = Static<typeof LlmProviderErrorRetryability>;

const reason = <T extends string, P extends TProperties>(reasonType: T, fields: P) =>
  Type.Object({ reason_type: Type.Literal(reasonType), ...fields });
const u64 = Type.Integer({ minimum: 0 });

/** The typed cause of an agent error (tag `reason_type`, 01 §8.2): exactly the 0.6.6 variants. */
export const AgentErrorReason = Type.Union([
  reason('llm_rate_limited', { retry_after_ms: Type.Optional(nullable(u64)) }),
  reason('llm_context_exceeded', { max: u64, requested: u64 }),
  reason('llm_auth_error', {}),
  reason('llm_invalid_model', { model: Type.String() }),
  reason('llm_provider_error', {
    /** snake_case kind name, e.g. `server_error`; 01 does not enumerate the 0.6.6 set. */
    provider_error_kind: Type.String({ minLength: 1 }),
    provider_error_retryability: LlmProviderErrorRetryability,
    provider_error: Type.Unknown(),
  }),
  reason('llm_network_timeout', { duration_ms: u64 }),
  reason('llm_call_timeout', { duration_ms: u64 }),
  reason('hook_denied', {
    hook_id: Type.Optional(nullable(Type.String())),
    point: HookPoint,
    reason_code: HookReasonCode,
  }),
  reason('hook_timeout', { hook_id: Type.String(), timeout_ms: u64 }),
  reason('hook_execution_failed', { hook_id: Type.String(), reason: Type.String() }),
  reason('hook_config_invalid', { reason: Type.String() }),
  reason('structured_output_validation_failed', { attempts: u64, reason: Type.String() }),
  reason('invalid_output_schema', { reason: Type.String() }),
  reason('auth_reauth_required', { binding_key: Type.String(), message: Type.String() }),
  reason('callback_pending', { tool_name: Type.String(), args: Type.Unknown() }),
  reason('turn_terminal_cause', { outcome: TurnTerminalOutcome, cause_kind: TurnTerminalCauseKind }),
]);
export type AgentErrorReason = Static<typeof AgentErrorReason>;
/** The `reason_type` tags of AgentErrorReason. */
export type AgentErrorReasonType = AgentErrorReason['reason_type'];

/** The structured error of `run_failed.error_report`. */
export const AgentErrorReport = Type.Object({
  class: AgentErrorClass,
  reason: Type.Optional(AgentErrorReason),
  message: Type.String(),
});
export type AgentErrorReport = Static<typeof AgentErrorReport>;
