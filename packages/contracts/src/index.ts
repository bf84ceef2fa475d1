export {
  Usage,
  WireUsage,
  StopReason,
  ProviderName,
  TurnTerminalCauseKind,
  TurnTerminalOutcome,
  WireDuration,
  BudgetLimits,
} from './wire/common.js';
export { stringEnum } from './wire/string-enum.js';
export { TextBlock, ImageBlock, VideoBlock, ContentBlock, ContentInput, ToolDef } from './wire/content.js';
export { BlockMeta, AssistantBlock, ToolResult, SystemNoticeKind, SessionMessage } from './wire/message.js';
export { ExtractionError, WireRunResult } from './wire/run-result.js';
export {
  AGENT_ERROR_CLASSES,
  AgentErrorClass,
  AgentErrorReason,
  AgentErrorReport,
} from './errors/agent-error.js';
export {
  HookPoint,
  SchemaWarning,
  SkillKey,
  BudgetType,
  AgentEvent,
  type AgentEventType,
  type AgentEventOf,
} from './events/agent-event.js';
export {
  checkContract,
  compileJsonSchema,
  formatIssues,
  InvalidJsonSchemaError,
  type JsonSchemaValidator,
  type ValidationIssue,
  type ValidationResult,
} from './validation/json-schema-validator.js';
export { parseJson, type JsonParseResult } from './validation/parse-json.js';
