export { MeerkatClient, type TranscriptEditOptions } from './client.js';
export type { ConnectOptions } from './connect-options.js';
export { Session, DeferredSession } from './session.js';
export { Mob, type Member } from './mob.js';
export { LiveChannel } from './live.js';
export {
  answerLiveWebrtcOffer,
  isLiveWebrtcBootstrap,
  liveWebrtcAudioConstraints,
  liveWebrtcMediaConstraints,
  type LiveWebrtcAnswerClient,
  type LiveWebrtcAudioConstraintOptions,
  type LiveWebrtcOfferDescription,
  type LiveWebrtcPeerConnectionLike,
} from './live-webrtc.js';
export type {
  LiveChannelOptions,
  LiveInputChunkWire,
  LiveOpenParams,
  LiveOpenResult,
  LiveRefreshResult,
  LiveSendInputParams,
  LiveStatusResult,
  RealtimeTurningMode,
  WireLiveAdapterObservation,
  WireLiveTransportBootstrap,
  WireLiveTransportBootstrapWebrtc,
} from './live-types.js';
export type * from './mob-types.js';
export type {
  CreateScheduleRequest,
  Schedule,
  ScheduleListOptions,
  ScheduleOccurrence,
  ScheduleOccurrencesOptions,
  ScheduleOccurrencesResult,
  ScheduleToolCallRequest,
  ScheduleToolsResult,
  UpdateSchedulePatch,
  UpdateScheduleRequest,
} from './schedule.js';
export type {
  CommsSendReceipt,
  ContentBlockValue as ContentBlock,
  SessionAssistantBlock,
  TranscriptReplacement,
} from './parse-helpers.js';
export type * from './comms-types.js';
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
  parseCoreEvent,
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
  type CoreAgentEvent,
  type ScopedAgentEvent,
  type StreamScopeFrame,
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
