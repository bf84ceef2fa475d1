export type { LlmClient, LlmRequest, LlmResponse, LlmStreamEvent, LlmOutputFormat } from './ports/llm-client.js';
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
