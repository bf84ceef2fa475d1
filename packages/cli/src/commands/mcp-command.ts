import { InvalidArgumentError, type Command } from 'commander';
import { localMcpFilePath, mcpFilePath, readMcpFileEntries, writeMcpFileEntries } from '@rkat/runtime';
import { McpConfigError, parseMcpServerConfig } from '@rkat/tools';
import type { CliIo } from '../io.js';
import { CliError } from '../output/cli-error.js';
import { renderTable } from '../output/table.js';

type Scope = 'project' | 'user' | 'local';
const SCOPES: readonly Scope[] = ['local', 'project', 'user'];

interface AddFlags {
  transport?: 'stdio' | 'http' | 'sse';
  scope?: Scope;
  header: string[];
  env: string[];
  url?: string;
}

function choice<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${values.join(', ')}`);
    }
    return value as T;
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The file of a scope: `local` and `project` under the working directory, `user` under `$HOME`. */
function fileOf(scope: Scope, io: CliIo): string {
  if (scope === 'user') {
    if (!io.env.HOME) throw new CliError('HOME is not set: the user scope has no directory');
    return mcpFilePath(io.env.HOME);
  }
  return scope === 'local' ? localMcpFilePath(io.cwd) : mcpFilePath(io.cwd);
}

function pairs(values: readonly string[], separator: string, what: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf(separator);
    const key = at === -1 ? '' : value.slice(0, at).trim();
    if (key === '') throw new CliError(`invalid ${what} '${value}': expected KEY${separator}VALUE`);
    map[key] = value.slice(at + separator.length).trim();
  }
  return map;
}

/** The mcp.toml entry of `rkat mcp add` (01 §13 server config), checked like `mcp/add` checks it. */
function entryOf(name: string, command: readonly string[], flags: AddFlags): Record<string, unknown> {
  const transport = flags.transport ?? (flags.url !== undefined ? 'http' : 'stdio');
  let entry: Record<string, unknown>;
  if (transport === 'stdio') {
    if (flags.url !== undefined) throw new CliError('--url needs --transport http or sse');
    const [program, ...args] = command;
    if (program === undefined)
      throw new CliError('a stdio server needs a command: rkat mcp add <NAME> -- <CMD> [ARGS...]');
    entry = {
      name,
      command: program,
      args,
      ...(flags.env.length > 0 ? { env: pairs(flags.env, '=', '-e') } : {}),
    };
  } else {
    if (flags.url === undefined) throw new CliError(`a ${transport} server needs --url`);
    if (command.length > 0) throw new CliError('an http or sse server takes --url, not a command');
    entry = {
      name,
      url: flags.url,
      ...(flags.header.length > 0 ? { headers: pairs(flags.header, ':', '-H') } : {}),
      ...(transport === 'sse' ? { transport: 'sse' } : {}),
    };
  }
  try {
    parseMcpServerConfig(entry, 'rkat mcp add');
  } catch (error) {
    if (error instanceof McpConfigError) throw new CliError(error.message, { cause: error });
    throw error;
  }
  return entry;
}

interface Listed {
  scope: Scope;
  entry: Record<string, unknown>;
}

async function listAll(io: CliIo): Promise<Listed[]> {
  const listed: Listed[] = [];
  for (const scope of SCOPES) {
    if (scope === 'user' && !io.env.HOME) continue;
    for (const entry of await readMcpFileEntries(fileOf(scope, io))) listed.push({ scope, entry });
  }
  return listed;
}

/** A server for display: env and header values are secrets, so only their names are shown. */
function redacted({ scope, entry }: Listed): Record<string, unknown> {
  const masked = (map: unknown) =>
    typeof map === 'object' && map !== null
      ? Object.fromEntries(Object.keys(map).map((key) => [key, '***']))
      : map;
  return {
    ...entry,
    ...(entry.env !== undefined ? { env: masked(entry.env) } : {}),
    ...(entry.headers !== undefined ? { headers: masked(entry.headers) } : {}),
    scope,
  };
}

function describe(entry: Record<string, unknown>): [string, string] {
  if (typeof entry.command === 'string') {
    const args = Array.isArray(entry.args) ? entry.args.map(String) : [];
    return ['stdio', [entry.command, ...args].join(' ')];
  }
  return [entry.transport === 'sse' ? 'sse' : 'http', String(entry.url)];
}

async function wrapConfigErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof McpConfigError) throw new CliError(error.message, { cause: error });
    throw error;
  }
}

/**
 * `rkat mcp add|remove|list|get` (02 §7.1): edits the MCP server files sessions connect from —
 * `project` `./.rkat/mcp.toml` (default), `local` `./.rkat/mcp.local.toml` (not meant to be committed; wins
 * over project) and `user` `~/.rkat/mcp.toml`. Changes apply to sessions whose tools are built afterwards.
 */
export function registerMcpCommand(program: Command, io: CliIo): void {
  const mcp = program.command('mcp').description('manage the MCP servers sessions connect to');
  mcp
    .command('add')
    .description('add (or replace) a server: rkat mcp add <NAME> -- <CMD> [ARGS...] | --url <URL>')
    .argument('<name>', 'server name')
    .argument('[command...]', 'stdio server command and arguments (after --)')
    .option(
      '--transport <kind>',
      'stdio, http (streamable HTTP) or sse',
      choice(['stdio', 'http', 'sse'] as const),
    )
    .option('--scope <scope>', 'project (default), user or local', choice(SCOPES))
    .option('-H, --header <NAME: VALUE>', 'HTTP header (repeatable)', collect, [])
    .option('-e, --env <KEY=VALUE>', 'environment variable of a stdio server (repeatable)', collect, [])
    .option('--url <url>', 'URL of an http or sse server')
    .action(async (name: string, command: string[], flags: AddFlags) => {
      const entry = entryOf(name, command, flags);
      const scope = flags.scope ?? 'project';
      const path = fileOf(scope, io);
      await wrapConfigErrors(async () => {
        const kept = (await readMcpFileEntries(path)).filter((existing) => existing.name !== name);
        await writeMcpFileEntries(path, [...kept, entry]);
      });
      io.stdout.write(`added MCP server '${name}' (${scope}: ${path})\n`);
    });
  mcp
    .command('remove')
    .description('remove a server from one scope, or from every scope that has it')
    .argument('<name>', 'server name')
    .option('--scope <scope>', 'project, user or local', choice(SCOPES))
    .action(async (name: string, flags: { scope?: Scope }) => {
      const scopes = flags.scope ? [flags.scope] : SCOPES.filter((scope) => scope !== 'user' || io.env.HOME);
      const removedFrom: Scope[] = [];
      await wrapConfigErrors(async () => {
        for (const scope of scopes) {
          const path = fileOf(scope, io);
          const entries = await readMcpFileEntries(path);
          const kept = entries.filter((entry) => entry.name !== name);
          if (kept.length === entries.length) continue;
          await writeMcpFileEntries(path, kept);
          removedFrom.push(scope);
        }
      });
      if (removedFrom.length === 0) throw new CliError(`no MCP server named '${name}'`);
      io.stdout.write(`removed MCP server '${name}' (${removedFrom.join(', ')})\n`);
    });
  mcp
    .command('list')
    .description('list the configured servers of every scope')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const listed = await wrapConfigErrors(() => listAll(io));
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(listed.map(redacted), null, 2)}\n`);
        return;
      }
      const rows = listed.map(({ scope, entry }) => [String(entry.name), scope, ...describe(entry)]);
      io.stdout.write(renderTable(['NAME', 'SCOPE', 'TRANSPORT', 'TARGET'], rows));
    });
  mcp
    .command('get')
    .description('show one server (the scope that wins: local, project, then user)')
    .argument('<name>', 'server name')
    .option('--json', 'print JSON')
    .action(async (name: string, flags: { json?: boolean }) => {
      const found = (await wrapConfigErrors(() => listAll(io))).find((listed) => listed.entry.name === name);
      if (!found) throw new CliError(`no MCP server named '${name}'`);
      const shown = redacted(found);
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
        return;
      }
      const [transport, target] = describe(found.entry);
      const lines = [
        `name: ${name}`,
        `scope: ${found.scope}`,
        `transport: ${transport}`,
        `target: ${target}`,
      ];
      for (const key of ['env', 'headers'] as const) {
        const names = Object.keys((shown[key] as Record<string, unknown> | undefined) ?? {});
        if (names.length > 0) lines.push(`${key}: ${names.join(', ')}`);
      }
      io.stdout.write(`${lines.join('\n')}\n`);
    });
}
