import { expandMcpServerEnv, type EnvLookup } from './env-expansion.js';
import { McpConfigError, parseMcpServerConfig, type McpServerConfig } from './server-config.js';

export interface McpFileOptions {
  /** Shown in error messages, e.g. `/home/me/.rkat/mcp.toml`. */
  path: string;
  /** The environment `${VAR}` references expand from. */
  env: EnvLookup;
}

/**
 * Reads the servers of one already-parsed mcp.toml (`[[servers]]` entries). Other top-level keys are
 * ignored, as in the original; each entry is checked strictly and has `${VAR}` expanded.
 */
export function parseMcpFile(parsed: unknown, options: McpFileOptions): McpServerConfig[] {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new McpConfigError(`${options.path}: expected a TOML table`);
  }
  const servers = (parsed as { servers?: unknown }).servers;
  if (servers === undefined) return [];
  if (!Array.isArray(servers))
    throw new McpConfigError(`${options.path}: 'servers' must be an array of tables`);
  return servers.map((entry) => expandMcpServerEnv(parseMcpServerConfig(entry, options.path), options.env));
}

export interface McpServerSources {
  /** `<context_root>/.rkat/mcp.toml`. */
  project?: readonly McpServerConfig[];
  /** `~/.rkat/mcp.toml`. */
  user?: readonly McpServerConfig[];
  /** `config.tools.mcp_servers`. */
  config?: readonly McpServerConfig[];
}

/**
 * One server list from every source, first name wins: project, then user (the original's
 * `merge_project_over_user`), then `config.tools.mcp_servers`, which the spec says "also contributes"
 * without ranking it. Within one source, a repeated name keeps its first entry.
 */
export function mergeMcpServerSources(sources: McpServerSources): McpServerConfig[] {
  const seen = new Set<string>();
  const merged: McpServerConfig[] = [];
  for (const list of [sources.project, sources.user, sources.config]) {
    for (const server of list ?? []) {
      if (seen.has(server.name)) continue;
      seen.add(server.name);
      merged.push(server);
    }
  }
  return merged;
}
