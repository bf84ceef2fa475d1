import { isStdioServerConfig, McpConfigError, type McpServerConfig } from './server-config.js';

/** Looks a variable up in a given environment; undefined means unset. */
export type EnvLookup = (name: string) => string | undefined;

export function envLookupFrom(env: Readonly<Record<string, string | undefined>>): EnvLookup {
  return (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
}

/**
 * Expands `${VAR}` in every string field of a server (command, args, env values; url, header values), as
 * the original does when it reads an mcp.toml. An unset variable or a malformed reference is a config
 * error naming the server, the field and the variable — never the value, which may be a secret.
 */
export function expandMcpServerEnv(config: McpServerConfig, lookup: EnvLookup): McpServerConfig {
  const expand = (value: string, field: string) => expandString(value, lookup, config.name, field);
  const expandMap = (map: Record<string, string> | undefined, field: string) =>
    Object.fromEntries(
      Object.entries(map ?? {}).map(([key, value]) => [key, expand(value, `${field}.${key}`)]),
    );
  if (isStdioServerConfig(config)) {
    return {
      ...config,
      command: expand(config.command, 'command'),
      args: (config.args ?? []).map((arg, index) => expand(arg, `args[${index}]`)),
      env: expandMap(config.env, 'env'),
    };
  }
  return { ...config, url: expand(config.url, 'url'), headers: expandMap(config.headers, 'headers') };
}

function expandString(value: string, lookup: EnvLookup, server: string, field: string): string {
  let output = '';
  let rest = value;
  for (let start = rest.indexOf('${'); start !== -1; start = rest.indexOf('${')) {
    output += rest.slice(0, start);
    const after = rest.slice(start + 2);
    const end = after.indexOf('}');
    const variable = end === -1 ? '' : after.slice(0, end);
    if (variable === '') {
      throw new McpConfigError(`MCP server '${server}': invalid environment variable reference in ${field}`);
    }
    const resolved = lookup(variable);
    if (resolved === undefined) {
      throw new McpConfigError(
        `MCP server '${server}': missing environment variable '${variable}' referenced in ${field}`,
      );
    }
    output += resolved;
    rest = after.slice(end + 1);
  }
  return output + rest;
}
