export { CompositeToolSource } from './composite-tool-source.js';
export { ConcurrencyLimitedTools } from './concurrency-limited-tools.js';
export {
  loadConfiguredMcpServers,
  localMcpFilePath,
  mcpFilePath,
  readMcpFileEntries,
  writeMcpFileEntries,
  type McpServerSourceOptions,
} from './mcp-server-files.js';
export { persistMcpChange, type McpLiveRequest } from './mcp-persistence.js';
export { SessionToolEnvironment, type SessionToolEnvironmentOptions } from './session-tool-environment.js';
export { SessionToolEnvironments, type SessionToolEnvironmentsOptions } from './session-tool-environments.js';
export { toolEnvironmentConfigOf, type ToolEnvironmentConfig } from './tool-environment-config.js';
