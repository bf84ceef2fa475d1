export { RuntimeError, type RuntimeErrorCode } from './errors/runtime-error.js';
export { rpcErrorCodeOf, turnErrorMetadata } from './errors/rpc-error-mapping.js';
export {
  isValidRealmId,
  validateRealmId,
  generateRealmId,
  deriveWorkspaceRealmId,
  fnv1a64Hex,
} from './realm/realm-id.js';
export { defaultStateRoot, type StateRootEnvironment } from './realm/state-root.js';
export {
  realmPaths,
  realmDirectoryName,
  toResolvedPaths,
  type RealmPaths,
  type ResolvedPaths,
} from './realm/realm-paths.js';
export {
  ensureRealmManifest,
  readRealmManifest,
  RealmManifest,
  type RealmBackend,
  type RealmOrigin,
  type EnsureManifestOptions,
} from './realm/realm-manifest.js';
export { RealmOpenError, type RealmOpenFailure } from './realm/realm-open-error.js';
export { selectRealm, type RealmSelection, type RealmSelectionOptions } from './realm/realm-selection.js';
export { generateInstanceId, validateInstanceId, leaseFileName } from './realm/instance-id.js';
export { LeaseRecord, LEASE_HEARTBEAT_INTERVAL_MS, LEASE_STALE_AFTER_MS } from './realm/lease-record.js';
export { RealmLease, type LeaseScheduler, type StartLeaseOptions } from './realm/realm-lease.js';
export {
  listLeases,
  type LeaseListing,
  type ListedLease,
  type ListLeasesOptions,
} from './realm/lease-listing.js';
export {
  checkConnectionSections,
  ConnectionSection,
  AUTH_SOURCE_KINDS,
  type ConnectionSections,
} from './realm/connection-sections.js';
export {
  listConnectionRealms,
  getConnectionRealm,
  type RealmSummaryView,
  type RealmView,
} from './realm/connection-views.js';
export { parseDurationMs } from './config/duration.js';
export {
  loadRealmConfig,
  parseRealmConfigToml,
  normalizeRealmConfig,
  invalidConfig,
  DEFAULT_RETRY_POLICY,
  type RealmConfig,
  type NormalizeOptions,
  type ConfigShapeErrorFactory,
} from './config/realm-config.js';
export { DEFAULT_MODEL, DEFAULT_MAX_TOKENS, withConfigDefaults } from './config/config-defaults.js';
export type { ConfigData } from './config/config-data.js';
export { applyMergePatch } from './config/merge-patch.js';
export {
  ConfigGenerationConflictError,
  configPayloadError,
  configPatchPreviewError,
} from './config/config-errors.js';
export {
  parseConfigSetParams,
  parseConfigPatchParams,
  type ConfigSetRequest,
  type ConfigPatchRequest,
} from './config/config-params.js';
export { readConfigGeneration } from './config/config-state.js';
export { withFileLock, type FileLockOptions } from './config/file-lock.js';
export { ConfigService, type ConfigEnvelope, type ConfigServiceOptions } from './config/config-service.js';
export { liveProviderBindings } from './config/live-provider-bindings.js';
export { blobIdOf, blobDigestOf, isCanonicalBlobId } from './blobs/blob-id.js';
export { BlobStore, BlobNotFoundError, type BlobPayload } from './blobs/blob-store.js';
export {
  SessionService,
  type SessionServiceOptions,
  type CreatedSession,
} from './session/session-service.js';
export type {
  CreateSessionOptions,
  TurnOverrides,
  RunObserver,
  InitialTurn,
} from './session/session-options.js';
export type { HistoryPage, SessionListOptions } from './session/session-queries.js';
export { parseCreateSessionParams, CreateSessionParams } from './session/params/create-session-params.js';
export {
  parseTurnStartParams,
  TurnStartParams,
  type TurnStartRequest,
} from './session/params/turn-start-params.js';
export {
  parseSessionIdParams,
  parseListSessionsParams,
  parseHistoryParams,
  parseStreamOpenParams,
  parseStreamCloseParams,
  parseForkAtParams,
  parseForkReplaceParams,
  type ForkParams,
} from './session/params/session-method-params.js';
export {
  TranscriptReplacement,
  parseReplacement,
  applyReplacement,
} from './session/transcript-replacement.js';
export type { SessionForkResult, ForkRunningBehavior } from './session/session-fork.js';
export { SessionSettings } from './session/session-settings.js';
export { DEFAULT_MAX_SESSIONS, maxSessionsOf } from './session/session-capacity.js';
export { validateLabels, validateAppContext, validatePeerMeta } from './session/session-metadata.js';
export { toWireSessionSummary, toWireSessionInfo, toWireSessionHistory } from './session/wire-views.js';
export {
  SessionEventHub,
  type SessionEventListener,
  type RunEventListener,
} from './events/session-event-hub.js';
export { EnvelopeSequencer, sessionEnvelope, type EnvelopeOf } from './events/session-envelope.js';
export {
  SessionEventStream,
  DEFAULT_STREAM_CAPACITY,
  type StreamNotification,
  type StreamOpened,
} from './events/session-event-stream.js';
export { REMEMBERED_ENDED_STREAMS, type StreamClosed } from './events/stream-registry.js';
export {
  resolveModelIdentity,
  type ModelIdentity,
  type ProviderBindings,
  type IdentityRequest,
} from './session/model-identity.js';
export { createProviderBindings, type ProviderBindingsOptions } from './session/provider-bindings.js';
export { parseSessionLocator } from './session/session-locator.js';
export type { SessionSummary, SessionInfo, SessionHistory } from './session/session-views.js';
export { sessionRef, toWireRunResult, toWireUsage, toTurnFailedError } from './session/run-result.js';
export { TurnFailedError, findLlmError, type TurnFailure } from './session/turn-failed-error.js';
export { openRuntime, type OpenRuntimeOptions, type Runtime } from './runtime.js';
export {
  CALLBACK_TOOL_TIMEOUT_MS,
  type ToolCallbackPort,
  type ToolCallbackRequest,
  type ToolCallbackResult,
} from './callback-tools/tool-callback-port.js';
export {
  InvalidToolDefinitionError,
  parseToolDefs,
  toolInputValidator,
} from './callback-tools/tool-definitions.js';
export {
  ExternalToolRegistry,
  type ExternalToolChange,
  type ExternalToolChangeListener,
} from './callback-tools/external-tool-registry.js';
export {
  externalToolDeltaPayload,
  externalToolChangePayload,
  externalToolChangeEvent,
  type ExternalToolDeltaInput,
} from './callback-tools/tool-config-changed.js';
export { CallbackToolSource, type CallbackToolSourceOptions } from './callback-tools/callback-tool-source.js';
export { FlowToolOverlay, isToolVisible } from './callback-tools/tool-visibility.js';
export {
  SessionToolSource,
  composeSessionTools,
  type ComposeSessionToolsOptions,
} from './callback-tools/session-tool-source.js';
export {
  CompositeToolSource,
  ConcurrencyLimitedTools,
  localMcpFilePath,
  mcpFilePath,
  readMcpFileEntries,
  SessionToolEnvironments,
  toolEnvironmentConfigOf,
  writeMcpFileEntries,
  type McpLiveRequest,
  type SessionToolEnvironmentsOptions,
  type ToolEnvironmentConfig,
} from './session-tools/index.js';
export type { ToolsForSession } from './session/service-context.js';
export {
  resolveTurnSkills,
  SkillService,
  skillsSettingsOf,
  toSkillListResult,
  type SkillListEntry,
  type SkillListResult,
  type SkillServiceOptions,
  type SkillsSettings,
  type TurnSkills,
} from './skills/index.js';
export {
  InProcessHookRegistry,
  type InProcessHookHandler,
  type HookEnvironment,
  type HooksSettings,
  createHookEnvironment,
} from './hooks/index.js';
