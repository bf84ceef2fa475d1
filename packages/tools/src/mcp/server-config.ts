/**
 * MCP server configuration as 01 §13 and `.rkat/mcp.toml` define it (meerkat-core/src/mcp_config.rs):
 * `{name, <transport fields>, connect_timeout_secs?}` where the transport fields are untagged and strict —
 * stdio `{command, args?, env?}` or HTTP `{url, headers?, transport?: "streamable-http" | "sse"}`.
 * Field names stay in their wire (snake_case) form so a config round-trips to `mcp/add` and mcp.toml.
 */

export const DEFAULT_MCP_CONNECT_TIMEOUT_SECS = 10;

export interface McpStdioServerConfig {
  name: string;
  command: string;
  args?: string[];
  env?: Record<string, string>;
  connect_timeout_secs?: number;
}

export type McpHttpTransport = 'streamable-http' | 'sse';

export interface McpHttpServerConfig {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** Absent means streamable HTTP. */
  transport?: McpHttpTransport;
  connect_timeout_secs?: number;
}

export type McpServerConfig = McpStdioServerConfig | McpHttpServerConfig;

export type McpTransportKind = 'stdio' | McpHttpTransport;

/** A server entry that does not match the schema, or a config file that cannot be used. */
export class McpConfigError extends Error {
  override readonly name = 'McpConfigError';
}

const STDIO_KEYS = new Set(['name', 'command', 'args', 'env', 'connect_timeout_secs']);
const HTTP_KEYS = new Set(['name', 'url', 'headers', 'transport', 'connect_timeout_secs']);

export function isStdioServerConfig(config: McpServerConfig): config is McpStdioServerConfig {
  return 'command' in config;
}

export function mcpTransportKind(config: McpServerConfig): McpTransportKind {
  return isStdioServerConfig(config) ? 'stdio' : (config.transport ?? 'streamable-http');
}

export function connectTimeoutMs(config: McpServerConfig): number {
  return (config.connect_timeout_secs ?? DEFAULT_MCP_CONNECT_TIMEOUT_SECS) * 1000;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks one server entry strictly (unknown keys rejected, like the original's serde shape) and returns a
 * normalized copy. `origin` names where the entry came from, for the error message. Never echoes values:
 * env and header values are secrets.
 */
export function parseMcpServerConfig(value: unknown, origin = 'MCP server config'): McpServerConfig {
  if (!isPlainObject(value)) throw new McpConfigError(`${origin}: a server entry must be an object`);
  const name = value.name;
  if (typeof name !== 'string') throw new McpConfigError(`${origin}: a server entry needs a string 'name'`);
  // The exact text 01 §13 gives for mcp/add with an empty name.
  if (name.trim() === '') throw new McpConfigError('server_name cannot be empty');
  const where = `${origin}: server '${name}'`;
  const hasCommand = 'command' in value;
  const hasUrl = 'url' in value;
  if (hasCommand === hasUrl) {
    throw new McpConfigError(`${where} needs exactly one of 'command' (stdio) or 'url' (HTTP)`);
  }
  const allowed = hasCommand ? STDIO_KEYS : HTTP_KEYS;
  const unknown = Object.keys(value).filter((key) => !allowed.has(key));
  if (unknown.length > 0) {
    throw new McpConfigError(`${where} has unknown field(s): ${unknown.map((key) => `'${key}'`).join(', ')}`);
  }
  const timeout = readTimeout(value.connect_timeout_secs, where);
  const withTimeout = timeout === undefined ? {} : { connect_timeout_secs: timeout };
  if (hasCommand) {
    const command = value.command;
    if (typeof command !== 'string' || command === '') {
      throw new McpConfigError(`${where}: 'command' must be a non-empty string`);
    }
    return {
      name,
      command,
      args: readStringArray(value.args, `${where}: 'args'`),
      env: readStringMap(value.env, `${where}: 'env'`),
      ...withTimeout,
    };
  }
  const url = value.url;
  if (typeof url !== 'string' || url === '') {
    throw new McpConfigError(`${where}: 'url' must be a non-empty string`);
  }
  const transport = value.transport;
  if (transport !== undefined && transport !== 'streamable-http' && transport !== 'sse') {
    throw new McpConfigError(`${where}: 'transport' must be "streamable-http" or "sse"`);
  }
  return {
    name,
    url,
    headers: readStringMap(value.headers, `${where}: 'headers'`),
    ...(transport === undefined ? {} : { transport }),
    ...withTimeout,
  };
}

function readTimeout(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new McpConfigError(`${where}: 'connect_timeout_secs' must be a non-negative integer`);
  }
  return value;
}

function readStringArray(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new McpConfigError(`${where} must be an array of strings`);
  }
  return [...(value as string[])];
}

function readStringMap(value: unknown, where: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new McpConfigError(`${where} must be a table of strings`);
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw new McpConfigError(`${where}: '${key}' must be a string`);
    result[key] = item;
  }
  return result;
}
