import type { AgentEvent, HookPoint, HookReasonCode, StopReason, Usage } from '@rkat/contracts';

/** The request a `pre_llm_request` hook sees (02 §6.1). */
export interface HookLlmRequest {
  max_tokens: number;
  temperature?: number;
  provider_params?: unknown;
  message_count: number;
}

/** The reply a `post_llm_response` hook sees. */
export interface HookLlmResponse {
  assistant_text: string;
  tool_call_names: string[];
  stop_reason?: StopReason;
  usage?: Usage;
}

export interface HookToolCall {
  tool_use_id: string;
  name: string;
  args: unknown;
}

export interface HookToolResult {
  tool_use_id: string;
  name: string;
  content: string;
  content_blocks?: unknown[];
  is_error: boolean;
}

/** What one hook point hands to its hooks (02 §6.1); serialized as is for `command` and `http` hooks. */
export interface HookInvocation {
  point: HookPoint;
  session_id: string;
  turn_number?: number;
  prompt?: string;
  error?: string;
  llm_request?: HookLlmRequest;
  llm_response?: HookLlmResponse;
  tool_call?: HookToolCall;
  tool_result?: HookToolResult;
}

/** A foreground guardrail's deny: it ends the run with the hook-denied error. */
export interface HookDenial {
  hookId: string;
  point: HookPoint;
  reasonCode: HookReasonCode;
  message: string;
  payload?: unknown;
}

export interface HookGateContext {
  /** Publishes `hook_started|hook_completed|hook_failed|hook_denied` into the run's event stream. */
  emit(event: AgentEvent): void;
  /** The run's signal: aborting it stops the foreground hooks of this point. */
  signal?: AbortSignal;
}

/**
 * The port the agent loop calls at each of the eight hook points. Resolves with the first deny of a
 * foreground hook, or `undefined` when the loop may go on. Throws an `AgentError` (class `hook`) when
 * the hook configuration is invalid.
 */
export interface HookGate {
  run(invocation: HookInvocation, context: HookGateContext): Promise<HookDenial | undefined>;
}
