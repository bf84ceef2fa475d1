import type { TSchema } from '@sinclair/typebox';
import {
  BudgetLimits,
  ProviderName,
  StopReason,
  TurnTerminalCauseKind,
  TurnTerminalOutcome,
  Usage,
  WireDuration,
  WireUsage,
} from '../wire/common.js';
import { ContentBlock, ContentInput, ImageBlock, TextBlock, ToolDef, VideoBlock } from '../wire/content.js';
import {
  AssistantImage,
  BlobRef,
  BlockMeta,
  ImageMeta,
  RevisedPromptDisposition,
  WireAssistantBlock,
} from '../wire/assistant-block.js';
import { SessionToolCall, SystemNoticeKind, ToolResult, WireSessionMessage } from '../wire/message.js';
import { ExtractionError, WireRunResult } from '../wire/run-result.js';
import { SchemaWarning } from '../wire/schema-warning.js';
import { OutputSchemaWrapper } from '../wire/output-schema.js';
import { ContractVersion } from '../wire/contract-version.js';
import {
  HookCapability,
  HookEntryConfig,
  HookExecutionMode,
  HookFailurePolicy,
  HookPoint,
  HookReasonCode,
  HookRunOverrides,
  HookRuntimeConfig,
  HookRuntimeKind,
} from '../wire/hooks.js';
import {
  SkillKey,
  SkillName,
  SkillQuarantineDiagnostic,
  SkillRef,
  SkillRuntimeDiagnostics,
  SourceHealthSnapshot,
  SourceHealthState,
} from '../wire/skills.js';
import { SkillResolutionFailureReason } from '../wire/skill-resolution-failure.js';
import { AuthBindingRef, PeerMeta, ToolFilter } from '../wire/session-options.js';
import {
  ExternalToolDeltaPhase,
  ToolConfigChangeOperation,
  ToolConfigChangeStatus,
  ToolConfigChangedPayload,
} from '../wire/tool-config.js';
import {
  ResolvedModelCapabilities,
  SessionHistoryResult,
  SessionListResult,
  SessionProviderName,
  WireSessionInfo,
  WireSessionSummary,
} from '../wire/session.js';
import {
  BetaHeader,
  CatalogModelEntry,
  ModelProfile,
  ModelsCatalogResult,
  ModelTier,
  ProviderCatalog,
} from '../wire/models.js';
import {
  AgentErrorClass,
  AgentErrorReason,
  AgentErrorReport,
  LlmProviderErrorRetryability,
} from '../errors/agent-error.js';
import { TurnErrorMetadata } from '../errors/turn-error-metadata.js';
import { RpcErrorObject } from '../errors/rpc-error-codes.js';
import { AgentEvent, BackgroundJobTerminalStatus, BudgetType } from '../events/agent-event.js';
import { EventEnvelope, EventSource } from '../events/event-envelope.js';
import { SessionEventObject, SessionEventParams } from '../events/session-event.js';
import {
  SessionStreamEndParams,
  SessionStreamEventParams,
  StreamEndOutcome,
  StreamScopeFrame,
} from '../events/stream-notifications.js';

/**
 * Every exported wire schema by its contract name, in a stable order. `scripts/export-schemas.mjs` writes
 * each one to `schemas/<Name>.json`; a test fails when those files differ from this registry.
 * `SessionMessage` and `AssistantBlock` are registered under their wire names `WireSessionMessage` and
 * `WireAssistantBlock`.
 */
export const CONTRACT_SCHEMAS: Readonly<Record<string, TSchema>> = Object.freeze({
  ContractVersion,
  Usage,
  WireUsage,
  StopReason,
  ProviderName,
  TurnTerminalCauseKind,
  TurnTerminalOutcome,
  WireDuration,
  BudgetLimits,
  TextBlock,
  ImageBlock,
  VideoBlock,
  ContentBlock,
  ContentInput,
  ToolDef,
  BlockMeta,
  BlobRef,
  RevisedPromptDisposition,
  ImageMeta,
  AssistantImage,
  WireAssistantBlock,
  ToolResult,
  SystemNoticeKind,
  SessionToolCall,
  WireSessionMessage,
  SchemaWarning,
  OutputSchemaWrapper,
  ExtractionError,
  WireRunResult,
  SkillName,
  SkillKey,
  SkillRef,
  SourceHealthState,
  SourceHealthSnapshot,
  SkillQuarantineDiagnostic,
  SkillRuntimeDiagnostics,
  SkillResolutionFailureReason,
  AuthBindingRef,
  ToolFilter,
  PeerMeta,
  HookPoint,
  HookReasonCode,
  HookExecutionMode,
  HookCapability,
  HookFailurePolicy,
  HookRuntimeKind,
  HookRuntimeConfig,
  HookEntryConfig,
  HookRunOverrides,
  ToolConfigChangeOperation,
  ExternalToolDeltaPhase,
  ToolConfigChangeStatus,
  ToolConfigChangedPayload,
  SessionProviderName,
  WireSessionSummary,
  SessionListResult,
  ResolvedModelCapabilities,
  WireSessionInfo,
  SessionHistoryResult,
  ModelTier,
  BetaHeader,
  ModelProfile,
  CatalogModelEntry,
  ProviderCatalog,
  ModelsCatalogResult,
  AgentErrorClass,
  LlmProviderErrorRetryability,
  AgentErrorReason,
  AgentErrorReport,
  TurnErrorMetadata,
  RpcErrorObject,
  BudgetType,
  BackgroundJobTerminalStatus,
  AgentEvent,
  EventSource,
  EventEnvelope,
  SessionEventObject,
  SessionEventParams,
  StreamScopeFrame,
  SessionStreamEventParams,
  StreamEndOutcome,
  SessionStreamEndParams,
});
