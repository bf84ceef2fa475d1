export type { BuiltinTool } from './builtin/builtin-tool.js';
export {
  BuiltinToolSource,
  BuiltinToolSetupError,
  type BuiltinToolSourceOptions,
} from './builtin/builtin-tool-source.js';
export { createBuiltinsFamilyTools, type BuiltinsFamilyOptions } from './builtin/builtins-family.js';
export { createApplyPatchTool, type ApplyPatchToolOptions } from './builtin/apply-patch/apply-patch-tool.js';
export { applyPatch, PatchApplyError, type PatchResult } from './builtin/apply-patch/apply-patch.js';
export {
  parsePatch,
  PatchParseError,
  type PatchHunk,
  type UpdateChunk,
} from './builtin/apply-patch/patch-parser.js';
export { PatchMismatchError } from './builtin/apply-patch/patch-content.js';
export {
  createViewImageTool,
  MAX_IMAGE_BYTES,
  type ViewImageToolOptions,
} from './builtin/view-image-tool.js';
export { assertCanonicalBlobId, type BlobPort, type StoredBlob } from './blobs/blob-port.js';
export {
  createBlobInspectTool,
  createBlobLoadFileTool,
  createBlobSaveFileTool,
  MAX_LOAD_FILE_BYTES,
  type BlobToolsOptions,
} from './blobs/blob-tools.js';
export type { NewTask, Task, TaskPriority, TaskStatus, TaskUpdate } from './tasks/task.js';
export { TaskNotFoundError, TaskStoreCorruptError, type TaskStore } from './tasks/task-store.js';
export { MemoryTaskStore, type TaskStoreOptions } from './tasks/memory-task-store.js';
export { FileTaskStore, TASK_STORE_FILE, type FileTaskStoreOptions } from './tasks/file-task-store.js';
export {
  createTaskCreateTool,
  createTaskGetTool,
  createTaskListTool,
  createTaskTools,
  createTaskUpdateTool,
  type TaskToolsOptions,
} from './tasks/task-tools.js';
export {
  ShellDisposedError,
  ShellJobManager,
  type CommandOptions,
  type ShellJobManagerOptions,
} from './shell/shell-job-manager.js';
export {
  DEFAULT_SHELL_SETTINGS,
  resolveShellSettings,
  ShellSettingsError,
  type ShellSecurityMode,
  type ShellSettings,
} from './shell/shell-settings.js';
export {
  JobNotFoundError,
  JobNotRunningError,
  type BackgroundJob,
  type BackgroundStarted,
  type JobStatus,
  type JobStatusName,
  type JobSummary,
  type ShellCommandOutput,
} from './shell/shell-jobs.js';
export {
  createShellJobCancelTool,
  createShellJobStatusTool,
  createShellJobsTool,
  createShellTool,
  createShellTools,
} from './shell/shell-tools.js';
export {
  buildShellEnvironment,
  isSecretName,
  type ShellEnvironmentOptions,
} from './shell/shell-environment.js';
export { CommandRefusedError } from './shell/command-policy.js';
export { ShellNotInstalledError } from './shell/shell-program.js';
export { WorkspaceEscapeError } from './workspace/workspace.js';
export { writeFileAtomic } from './workspace/atomic-write.js';
export { uuidv7 } from './ids/uuidv7.js';
export {
  createDatetimeTool,
  describeInstant,
  type DatetimeResult,
  type DatetimeToolOptions,
} from './builtin/datetime-tool.js';
export { createBuiltinToolSource, type DefaultBuiltinsOptions } from './builtin/default-builtins.js';
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
} from './mcp/server-config.js';
export { envLookupFrom, expandMcpServerEnv, type EnvLookup } from './mcp/env-expansion.js';
export {
  mergeMcpServerSources,
  parseMcpFile,
  type McpFileOptions,
  type McpServerSources,
} from './mcp/config-sources.js';
export { displayUrl, SecretRedactor } from './mcp/redaction.js';
export {
  McpServerError,
  McpStagingError,
  type McpServerErrorKind,
  type McpStagingErrorCode,
} from './mcp/errors.js';
export { mcpResultToOutcome } from './mcp/content-mapping.js';
export { McpConnection, type McpConnectOptions, type McpRequestOptions } from './mcp/connection.js';
export { buildMcpToolCatalog, type McpToolCatalog, type McpToolCollision } from './mcp/tool-catalog.js';
export {
  toToolConfigChangedPayload,
  type McpLifecycleChange,
  type McpLifecyclePhase,
  type McpLiveOperation,
  type McpStagedChange,
} from './mcp/lifecycle-change.js';
export {
  McpToolSource,
  type McpApplyResult,
  type McpServerState,
  type McpServerStatus,
  type McpToolSourceOptions,
} from './mcp/mcp-tool-source.js';
export * from './skills/index.js';
