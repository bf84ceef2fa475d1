import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { StopReason, TurnTerminalCauseKind, Usage } from '../wire/common.js';
import { ContentBlock, ContentInput } from '../wire/content.js';
import { HookPoint, HookReasonCode } from '../wire/hooks.js';
import { SchemaWarning } from '../wire/schema-warning.js';
import { SkillKey } from '../wire/skills.js';
import { SkillResolutionFailureReason } from '../wire/skill-resolution-failure.js';
import { ToolConfigChangedPayload } from '../wire/tool-config.js';
import { AssistantImage } from '../wire/assistant-block.js';
import { stringEnum } from '../wire/string-enum.js';
import { AgentErrorClass, AgentErrorReport } from '../errors/agent-error.js';

const json = Type.Unknown();
const event = <T extends string, P extends TProperties>(type: T, fields: P) =>
  Type.Object({ type: Type.Literal(type), ...fields });

/** The budget a `budget_warning` is about. */
export const BudgetType = Type.Union([
  Type.Literal('tokens'),
  Type.Literal('time'),
  Type.Literal('tool_calls'),
]);
export type BudgetType = Static<typeof BudgetType>;

/** How a background job ended (`background_job_completed.terminal_status`). */
export const BackgroundJobTerminalStatus = stringEnum([
  'completed',
  'failed',
  'aborted',
  'cancelled',
  'retired',
  'terminated',
] as const);
export type BackgroundJobTerminalStatus = Static<typeof BackgroundJobTerminalStatus>;

export const RunStartedEvent = event('run_started', { session_id: Type.String(), prompt: ContentInput });
export const RunCompletedEvent = event('run_completed', {
  session_id: Type.String(),
  result: Type.String(),
  structured_output: Type.Optional(json),
  extraction_required: Type.Boolean(),
  usage: Usage,
  terminal_cause_kind: Type.Optional(TurnTerminalCauseKind),
});
export const ExtractionSucceededEvent = event('extraction_succeeded', {
  session_id: Type.String(),
  structured_output: json,
  schema_warnings: Type.Optional(Type.Array(SchemaWarning)),
});
export const ExtractionFailedEvent = event('extraction_failed', {
  session_id: Type.String(),
  last_output: Type.String(),
  attempts: Type.Integer({ minimum: 0 }),
  reason: Type.String(),
});
export const RunFailedEvent = event('run_failed', {
  session_id: Type.String(),
  error_class: AgentErrorClass,
  error: Type.String(),
  terminal_cause_kind: Type.Optional(TurnTerminalCauseKind),
  error_report: Type.Optional(AgentErrorReport),
});
export const HookStartedEvent = event('hook_started', { hook_id: Type.String(), point: HookPoint });
export const HookCompletedEvent = event('hook_completed', {
  hook_id: Type.String(),
  point: HookPoint,
  duration_ms: Type.Integer({ minimum: 0 }),
});
export const HookFailedEvent = event('hook_failed', {
  hook_id: Type.String(),
  point: HookPoint,
  error: Type.String(),
});
export const HookDeniedEvent = event('hook_denied', {
  hook_id: Type.String(),
  point: HookPoint,
  reason_code: HookReasonCode,
  message: Type.String(),
  payload: Type.Optional(json),
});
export const TurnStartedEvent = event('turn_started', { turn_number: Type.Integer({ minimum: 0 }) });
export const ReasoningDeltaEvent = event('reasoning_delta', { delta: Type.String() });
export const ReasoningCompleteEvent = event('reasoning_complete', { content: Type.String() });
export const TextDeltaEvent = event('text_delta', { delta: Type.String() });
export const TextCompleteEvent = event('text_complete', { content: Type.String() });
export const ServerToolContentEvent = event('server_tool_content', {
  id: Type.Optional(Type.String()),
  name: Type.String(),
  content: json,
});
export const AssistantImageAppendedEvent = event('assistant_image_appended', { image: AssistantImage });
export const ToolCallRequestedEvent = event('tool_call_requested', {
  id: Type.String(),
  name: Type.String(),
  args: Type.Record(Type.String(), Type.Unknown()),
});
export const ToolExecutionStartedEvent = event('tool_execution_started', {
  id: Type.String(),
  name: Type.String(),
});
export const ToolExecutionCompletedEvent = event('tool_execution_completed', {
  id: Type.String(),
  name: Type.String(),
  result: Type.String(),
  content: Type.Optional(Type.Array(ContentBlock)),
  is_error: Type.Boolean(),
  duration_ms: Type.Integer({ minimum: 0 }),
});
export const ToolResultReceivedEvent = event('tool_result_received', {
  id: Type.String(),
  name: Type.String(),
  content: Type.Optional(Type.Array(ContentBlock)),
  is_error: Type.Boolean(),
});
export const ToolExecutionTimedOutEvent = event('tool_execution_timed_out', {
  id: Type.String(),
  name: Type.String(),
  timeout_ms: Type.Integer({ minimum: 0 }),
});
export const TurnCompletedEvent = event('turn_completed', { stop_reason: StopReason, usage: Usage });
export const CompactionStartedEvent = event('compaction_started', {
  input_tokens: Type.Integer({ minimum: 0 }),
  estimated_history_tokens: Type.Integer({ minimum: 0 }),
  message_count: Type.Integer({ minimum: 0 }),
});
export const CompactionCompletedEvent = event('compaction_completed', {
  summary_tokens: Type.Integer({ minimum: 0 }),
  messages_before: Type.Integer({ minimum: 0 }),
  messages_after: Type.Integer({ minimum: 0 }),
});
export const CompactionFailedEvent = event('compaction_failed', { error: Type.String() });
export const BudgetWarningEvent = event('budget_warning', {
  budget_type: BudgetType,
  used: Type.Number({ minimum: 0 }),
  limit: Type.Number({ minimum: 0 }),
  percent: Type.Number({ minimum: 0 }),
});
export const RetryingEvent = event('retrying', {
  attempt: Type.Integer({ minimum: 1 }),
  max_attempts: Type.Integer({ minimum: 0 }),
  error: Type.String(),
  delay_ms: Type.Integer({ minimum: 0 }),
  retry: Type.Optional(Type.Object({ failure: json, plan: json })),
});
export const SkillsResolvedEvent = event('skills_resolved', {
  skills: Type.Array(SkillKey),
  injection_bytes: Type.Integer({ minimum: 0 }),
});
export const SkillResolutionFailedEvent = event('skill_resolution_failed', {
  skill_key: Type.Optional(SkillKey),
  reason: SkillResolutionFailureReason,
  reference: Type.String(),
  error: Type.String(),
});
export const InteractionCompleteEvent = event('interaction_complete', {
  interaction_id: Type.String(),
  result: Type.String(),
  structured_output: Type.Optional(json),
});
export const InteractionCallbackPendingEvent = event('interaction_callback_pending', {
  interaction_id: Type.String(),
  tool_name: Type.String(),
  args: json,
});
export const InteractionFailedEvent = event('interaction_failed', {
  interaction_id: Type.String(),
  error: Type.String(),
});
export const StreamTruncatedEvent = event('stream_truncated', { reason: Type.String() });
export const ToolConfigChangedEvent = event('tool_config_changed', { payload: ToolConfigChangedPayload });
export const BackgroundJobCompletedEvent = event('background_job_completed', {
  job_id: Type.String(),
  display_name: Type.String(),
  status: Type.Optional(Type.String()),
  terminal_status: BackgroundJobTerminalStatus,
  detail: Type.String(),
});

/** Every AgentEvent of contract 0.6.6 (01 §8.2), tagged by `type`. */
export const AgentEvent = Type.Union([
  RunStartedEvent,
  RunCompletedEvent,
  ExtractionSucceededEvent,
  ExtractionFailedEvent,
  RunFailedEvent,
  HookStartedEvent,
  HookCompletedEvent,
  HookFailedEvent,
  HookDeniedEvent,
  TurnStartedEvent,
  ReasoningDeltaEvent,
  ReasoningCompleteEvent,
  TextDeltaEvent,
  TextCompleteEvent,
  ServerToolContentEvent,
  AssistantImageAppendedEvent,
  ToolCallRequestedEvent,
  ToolExecutionStartedEvent,
  ToolExecutionCompletedEvent,
  ToolResultReceivedEvent,
  ToolExecutionTimedOutEvent,
  TurnCompletedEvent,
  CompactionStartedEvent,
  CompactionCompletedEvent,
  CompactionFailedEvent,
  BudgetWarningEvent,
  RetryingEvent,
  SkillsResolvedEvent,
  SkillResolutionFailedEvent,
  InteractionCompleteEvent,
  InteractionCallbackPendingEvent,
  InteractionFailedEvent,
  StreamTruncatedEvent,
  ToolConfigChangedEvent,
  BackgroundJobCompletedEvent,
]);
export type AgentEvent = Static<typeof AgentEvent>;
/** The `type` tag of an AgentEvent. */
export type AgentEventType = AgentEvent['type'];
/** The AgentEvent variant with the given `type`. */
export type AgentEventOf<T extends AgentEventType> = Extract<AgentEvent, { type: T }>;

/** The 35 `type` tags of AgentEvent, in catalog order (01 §8.2). */
export const AGENT_EVENT_TYPES: readonly AgentEventType[] = AgentEvent.anyOf.map(
  (member) => member.properties.type.const,
);
