import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import {
  envLookupFrom,
  McpConfigError,
  mergeMcpServerSources,
  parseMcpFile,
  parseMcpServerConfig,
  type McpServerConfig,
} from '@rkat/tools';
import { writeFileAtomic } from '@rkat/tools';

/** `<root>/.rkat/mcp.toml`: the project file under the context root, the user file under the home root. */
export function mcpFilePath(root: string): string {
  return join(root, '.rkat', 'mcp.toml');
}

/** `<project>/.rkat/mcp.local.toml`: the `rkat mcp add --scope local` file, not meant to be committed. */
export function localMcpFilePath(projectRoot: string): string {
  return join(projectRoot, '.rkat', 'mcp.local.toml');
}

async function readTomlFile(path: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new McpConfigError(`${path}: cannot read: ${(error as Error).message}`);
  }
  try {
    return parseToml(text);
  } catch (error) {
    throw new McpConfigError(`${path}: invalid TOML: ${(error as Error).message}`);
  }
}

async function serversOfFile(
  path: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<McpServerConfig[]> {
  const parsed = await readTomlFile(path);
  return parsed === undefined ? [] : parseMcpFile(parsed, { path, env: envLookupFrom(env) });
}

export interface McpServerSourceOptions {
  /** Where the project file lives (`--context-root`, else the working directory). */
  projectRoot: string;
  /** Where the user file lives (`--user-config-root`, else the home directory). */
  userRoot: string;
  /** `config.tools.mcp_servers` entries, unchecked. */
  configServers: readonly unknown[];
  /** The environment `${VAR}` in the files expands from. */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The MCP servers a session connects when its tools are built (01 §13): the project file (its local
 * variant first) wins over the user file on a name clash, and `config.tools.mcp_servers` also contributes. Throws `McpConfigError` for
 * an unreadable or invalid file or entry.
 */
export async function loadConfiguredMcpServers(options: McpServerSourceOptions): Promise<McpServerConfig[]> {
  const [local, project, user] = await Promise.all([
    serversOfFile(localMcpFilePath(options.projectRoot), options.env),
    serversOfFile(mcpFilePath(options.projectRoot), options.env),
    options.projectRoot === options.userRoot
      ? Promise.resolve([])
      : serversOfFile(mcpFilePath(options.userRoot), options.env),
  ]);
  const config = options.configServers.map((entry) =>
    parseMcpServerConfig(entry, 'config.tools.mcp_servers'),
  );
  return mergeMcpServerSources({ project: [...local, ...project], user, config });
}

/** The raw `[[servers]]` entries of an mcp.toml (unexpanded, so `${VAR}` references survive a rewrite). */
export async function readMcpFileEntries(path: string): Promise<Record<string, unknown>[]> {
  const parsed = await readTomlFile(path);
  const servers = parsed?.servers;
  if (servers === undefined) return [];
  if (!Array.isArray(servers)) throw new McpConfigError(`${path}: 'servers' must be an array of tables`);
  return servers.map((entry) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new McpConfigError(`${path}: every server must be a table`);
    }
    return entry as Record<string, unknown>;
  });
}

/** Replaces the `[[servers]]` of an mcp.toml, keeping its other top-level keys. */
export async function writeMcpFileEntries(
  path: string,
  servers: readonly Record<string, unknown>[],
): Promise<void> {
  const parsed = (await readTomlFile(path)) ?? {};
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, stringifyToml({ ...parsed, servers }));
}

/** The file's text before a change, so a failed live stage can roll the write back (`undefined`: absent). */
export async function snapshotFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
