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
export { CONTRACT_VERSION, ContractVersion } from './wire/contract-version.js';
export { stringEnum } from './wire/string-enum.js';
export { nullable, optionalNullable } from './wire/nullable.js';
export { TextBlock, ImageBlock, VideoBlock, ContentBlock, ContentInput, ToolDef } from './wire/content.js';
export {
  BlockMeta,
  BlobRef,
  RevisedPromptDisposition,
  ImageMeta,
  AssistantImage,
  AssistantBlock,
  WireAssistantBlock,
} from './wire/assistant-block.js';
export {
  ToolResult,
  SystemNoticeKind,
  SessionToolCall,
  SessionMessage,
  WireSessionMessage,
} from './wire/message.js';
export { SchemaWarning } from './wire/schema-warning.js';
export { OutputSchemaWrapper } from './wire/output-schema.js';
export { ExtractionError, WireRunResult } from './wire/run-result.js';
export {
  SkillName,
  SkillKey,
  SkillRef,
  SourceHealthState,
  SourceHealthSnapshot,
  SkillQuarantineDiagnostic,
  SkillRuntimeDiagnostics,
} from './wire/skills.js';
export { SkillResolutionFailureReason } from './wire/skill-resolution-failure.js';
export { AuthBindingRef, ToolFilter, PeerMeta } from './wire/session-options.js';
export {
  HookPoint,
  HookReasonCode,
  HookExecutionMode,
  HookCapability,
  HookFailurePolicy,
  HookRuntimeKind,
  HookRuntimeConfig,
  HookEntryConfig,
  HookRunOverrides,
} from './wire/hooks.js';
export {
  ToolConfigChangeOperation,
  ExternalToolDeltaPhase,
  ToolConfigChangeStatus,
  ToolConfigChangedPayload,
} from './wire/tool-config.js';
export {
  SessionProviderName,
  WireSessionSummary,
  SessionListResult,
  ResolvedModelCapabilities,
  WireSessionInfo,
  SessionHistoryResult,
} from './wire/session.js';
export {
  ModelTier,
  BetaHeader,
  ModelProfile,
  CatalogModelEntry,
  ProviderCatalog,
  ModelsCatalogResult,
} from './wire/models.js';
export {
  AGENT_ERROR_CLASSES,
  AgentErrorClass,
  LlmProviderErrorRetryability,
  AgentErrorReason,
  type AgentErrorReasonType,
  AgentErrorReport,
} from './errors/agent-error.js';
export { TurnErrorMetadata } from './errors/turn-error-metadata.js';
export {
  RPC_ERROR_CODES,
  RpcErrorObject,
  rpcError,
  rpcErrorCodeName,
  type RpcErrorCode,
  type RpcErrorCodeEntry,
  type RpcErrorNumber,
} from './errors/rpc-error-codes.js';
export {
  AGENT_EVENT_TYPES,
  BudgetType,
  BackgroundJobTerminalStatus,
  AgentEvent,
  type AgentEventType,
  type AgentEventOf,
} from './events/agent-event.js';
export { EventSource, EventEnvelope } from './events/event-envelope.js';
export { SessionEventObject, SessionEventParams, toSessionEventObject } from './events/session-event.js';
export {
  StreamScopeFrame,
  StreamEndOutcome,
  SessionStreamEventParams,
  SessionStreamEndParams,
} from './events/stream-notifications.js';
export { CONTRACT_SCHEMAS } from './catalog/schema-registry.js';
export { renderSchemaFiles, type SchemaFile } from './catalog/schema-files.js';
export {
  checkContract,
  compileJsonSchema,
  formatIssues,
  InvalidJsonSchemaError,
  type JsonSchemaValidator,
  type ValidationIssue,
  type ValidationResult,
} from './validation/json-schema-validator.js';
export { MAX_JSON_DEPTH, parseJson, type JsonParseResult } from './validation/parse-json.js';
