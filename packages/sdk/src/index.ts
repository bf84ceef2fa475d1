export { MeerkatClient } from './client.js';
export type { ConnectOptions } from './connect-options.js';
export { Session, DeferredSession } from './session.js';
export { EventStream } from './event-stream.js';
export { EventSubscription, type AgentEventEnvelope, type StreamEndOutcome } from './event-subscription.js';
export {
  MeerkatError,
  CapabilityUnavailableError,
  SessionNotFoundError,
  SkillNotFoundError,
  type CapabilityHint,
} from './errors.js';
export {
  parseEvent,
  isTextDelta,
  isTextComplete,
  isTurnCompleted,
  isExtractionSucceeded,
  isExtractionFailed,
  isRunCompleted,
  isRunFailed,
  isToolCallRequested,
  type AgentEvent,
  type AgentEventOf,
  type EventUsage,
  type MalformedEvent,
  type UnknownEvent,
  type StreamEvent,
} from './events.js';
export { parseRunResult } from './parse.js';
export { CONTRACT_VERSION } from '@rkat/contracts';
export type {
  BlobPayload,
  Capability,
  CatalogModel,
  ConfigEnvelope,
  ContentInput,
  DeferredTurnOptions,
  ExtractionError,
  ModelProfile,
  ModelsCatalog,
  ResolvedModelCapabilities,
  RunResult,
  SchemaWarning,
  SessionForkResult,
  SessionHistory,
  SessionInfo,
  SessionListOptions,
  SessionMessage,
  SessionOptions,
  SkillKey,
  SkillRuntimeDiagnostics,
  ToolDefinition,
  ToolHandler,
  TurnOptions,
  Usage,
} from './types.js';
