import { isAbsolute, resolve } from 'node:path';
import type { ShellSecurityMode, ShellSettings } from '@rkat/tools';
import type { ConfigData } from '../config/config-data.js';
import type { RealmConfig } from '../config/realm-config.js';

/** The parts of the realm config that shape a session's local tools (01 §10 `tools`, `shell`, `store`). */
export interface ToolEnvironmentConfig {
  /** The `[shell]` section, in `ShellJobManager` terms. */
  shell: Partial<ShellSettings>;
  /** `tools.max_concurrent`: tool calls of one session running at once (0 or absent: no cap). */
  maxConcurrent: number | undefined;
  /** `tools.mcp_servers`, unchecked (each entry is parsed when the session's tools are built). */
  mcpServers: readonly unknown[];
  /** `store.tasks_path`, absolute (relative paths resolve against the realm directory). */
  tasksPath: string | undefined;
}

function section(raw: ConfigData, key: string): Record<string, unknown> {
  const value = raw[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Reads the tool-related sections of a normalized config (types were checked by the config schema). */
export function toolEnvironmentConfigOf(config: RealmConfig, realmDirectory: string): ToolEnvironmentConfig {
  const shellSection = section(config.raw, 'shell');
  const tools = section(config.raw, 'tools');
  const store = section(config.raw, 'store');
  const shell: Partial<ShellSettings> = {};
  if (typeof shellSection.program === 'string') shell.program = shellSection.program;
  if (typeof shellSection.timeout_secs === 'number' && shellSection.timeout_secs > 0) {
    shell.timeoutSecs = shellSection.timeout_secs;
  }
  if (typeof shellSection.security_mode === 'string') {
    shell.securityMode = shellSection.security_mode as ShellSecurityMode;
  }
  if (Array.isArray(shellSection.security_patterns)) {
    shell.securityPatterns = shellSection.security_patterns.filter(
      (pattern): pattern is string => typeof pattern === 'string',
    );
  }
  const maxConcurrent = typeof tools.max_concurrent === 'number' ? tools.max_concurrent : undefined;
  const tasksPath =
    typeof store.tasks_path === 'string' && store.tasks_path !== ''
      ? isAbsolute(store.tasks_path)
        ? store.tasks_path
        : resolve(realmDirectory, store.tasks_path)
      : undefined;
  return {
    shell,
    maxConcurrent: maxConcurrent !== undefined && maxConcurrent > 0 ? maxConcurrent : undefined,
    mcpServers: Array.isArray(tools.mcp_servers) ? tools.mcp_servers : [],
    tasksPath,
  };
}
