export {
  connectTimeoutMs,
  DEFAULT_MCP_CONNECT_TIMEOUT_SECS,
  isStdioServerConfig,
  mcpTransportKind,
  McpConfigError,
  parseMcpServerConfig,
  type McpHttpServerConfig,
  type McpHttpTransport,
  type McpServerConfig,
  type McpStdioServerConfig,
  type McpTransportKind,
} from './server-config.js';
export { envLookupFrom, expandMcpServerEnv, type EnvLookup } from './env-expansion.js';
export {
  mergeMcpServerSources,
  parseMcpFile,
  type McpFileOptions,
  type McpServerSources,
} from './config-sources.js';
export { displayUrl, SecretRedactor } from './redaction.js';
export {
  McpServerError,
  McpStagingError,
  type McpServerErrorKind,
  type McpStagingErrorCode,
} from './errors.js';
export { mcpResultToOutcome } from './content-mapping.js';
export { McpConnection, type McpConnectOptions, type McpRequestOptions } from './connection.js';
export { buildMcpToolCatalog, type McpToolCatalog, type McpToolCollision } from './tool-catalog.js';
export {
  toToolConfigChangedPayload,
  type McpLifecycleChange,
  type McpLifecyclePhase,
  type McpLiveOperation,
  type McpStagedChange,
} from './lifecycle-change.js';
export {
  McpToolSource,
  type McpApplyResult,
  type McpServerState,
  type McpServerStatus,
  type McpToolSourceOptions,
} from './mcp-tool-source.js';
