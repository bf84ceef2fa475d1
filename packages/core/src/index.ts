export type {
  LlmClient,
  LlmRequest,
  LlmResponse,
  LlmStreamEvent,
  LlmOutputFormat,
} from './ports/llm-client.js';
export type { ToolSource, ToolCall, ToolOutcome, ToolExecutionContext } from './ports/tool-source.js';
export type { Clock } from './ports/clock.js';
export type {
  SessionStore,
  SessionRecord,
  SessionListQuery,
  InputRecord,
  InputState,
  BoundaryCommit,
  MessagePage,
  UsageTotals,
} from './ports/session-store.js';
export type {
  SessionClaims,
  SessionClaimRecord,
  ClaimOwner,
  AcquireClaimRequest,
  AcquireClaimResult,
} from './ports/session-claims.js';
export { LlmError, type LlmErrorKind, type LlmErrorOptions } from './errors/llm-error.js';
export { StoreError, type StoreErrorCode } from './errors/store-error.js';
export type {
  AgentRunOptions,
  AgentRunResult,
  AgentFailure,
  BoundaryWrite,
  OutputSchemaSpec,
  RetryPolicy,
  RunBudget,
} from './agent/run-options.js';
export { runAgent } from './agent/run-agent.js';
export {
  AgentError,
  type AgentErrorOptions,
  cancelledError,
  invalidOutputSchemaError,
  modelCallError,
  storeError,
  toAgentError,
} from './agent/agent-error.js';
export {
  normalizeOutputSchema,
  compileOutputSchema,
  InvalidOutputSchemaError,
} from './agent/output-schema.js';
export { DEFAULT_RETRY_POLICY, RETRY_AFTER_CAP_MS, isRetryableFailure, retryDelayMs } from './agent/retry.js';
export { BudgetTracker, DEFAULT_BUDGET_WARNING_THRESHOLD } from './agent/budget.js';
export {
  DEFAULT_EXTRACTION_PROMPT,
  DEFAULT_STRUCTURED_OUTPUT_RETRIES,
  stripCodeFences,
} from './agent/extraction.js';
export { DEFAULT_STREAM_IDLE_TIMEOUT_MS, DEFAULT_TOOL_TIMEOUT_MS } from './agent/run-context.js';
export { withStreamWatchdog, type StreamWatchdogOptions } from './agent/stream-watchdog.js';
export { INTERRUPTED_RESULT } from './agent/tool-execution.js';
export {
  limitToolOutcome,
  DEFAULT_TOOL_OUTPUT_LIMIT_BYTES,
  truncationMarker,
} from './agent/tool-output-limit.js';
export {
  repairDanglingToolCalls,
  INTERRUPTED_TOOL_CALL_RESULT,
} from './transcript/repair-dangling-tool-calls.js';
export { assistantText, reasoningText, toolCallsOf } from './transcript/assistant-content.js';
export { userMessage, assistantMessage, toolResultsMessage, timestamp } from './transcript/messages.js';
export { emptyUsage, addUsage, totalTokens, toWireUsage } from './usage/usage.js';
export { SystemClock, systemClock } from './clock/system-clock.js';
export { createAbortScope, type AbortScope } from './abort/abort-scope.js';
export type {
  HookGate,
  HookGateContext,
  HookDenial,
  HookInvocation,
  HookLlmRequest,
  HookLlmResponse,
  HookToolCall,
  HookToolResult,
} from './hooks/hook-gate.js';
export { hookDeniedError, hookConfigInvalidError } from './hooks/hook-errors.js';
export {
  DEFAULT_INVENTORY_THRESHOLD,
  DEFAULT_SKILL_INJECTION_BYTES,
  escapeSkillBody,
  renderSkillBlock,
  renderSkillInventory,
  type InventorySkill,
} from './skills/skill-rendering.js';
