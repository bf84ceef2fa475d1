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
export { realmPaths, realmDirectoryName, type RealmPaths } from './realm/realm-paths.js';
export {
  ensureRealmManifest,
  RealmManifest,
  type RealmOrigin,
  type EnsureManifestOptions,
} from './realm/realm-manifest.js';
export { parseDurationMs } from './config/duration.js';
export {
  loadRealmConfig,
  parseRealmConfigToml,
  normalizeRealmConfig,
  DEFAULT_MODEL,
  DEFAULT_MAX_TOKENS,
  DEFAULT_RETRY_POLICY,
  type RealmConfig,
} from './config/realm-config.js';
export {
  SessionService,
  type SessionServiceOptions,
  type CreatedSession,
} from './session/session-service.js';
export type { CreateSessionOptions, TurnOverrides } from './session/session-options.js';
export type { SessionEventListener } from './session/event-fanout.js';
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
