import { cp, readFile, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { openRuntime, RuntimeError, type Runtime } from '@rkat/runtime';
import {
  assertSkillName,
  buildSkillDocument,
  FrontMatterError,
  InvalidSkillIdError,
  parseSkillFile,
  parseSkillId,
  PROJECT_SOURCE_UUID,
  skillId,
  USER_SOURCE_UUID,
  type SkillDocument,
} from '@rkat/tools';
import type { CliIo } from '../io.js';
import { addRealmOptions, runtimeOptions, type RealmFlags } from '../options/common-options.js';
import { CliError } from '../output/cli-error.js';
import { renderTable } from '../output/table.js';

type Scope = 'project' | 'user';

interface SkillFlags extends RealmFlags {
  json?: boolean;
  scope?: Scope;
  force?: boolean;
}

function parseScope(value: string): Scope {
  if (value !== 'project' && value !== 'user') throw new InvalidArgumentError('expected project or user');
  return value;
}

/** `.rkat/skills` of a scope: the working directory's (project) or `$HOME`'s (user). */
function skillsRoot(scope: Scope, io: CliIo): string {
  if (scope === 'project') return join(io.cwd, '.rkat', 'skills');
  if (!io.env.HOME) throw new CliError('HOME is not set: the user scope has no directory');
  return join(io.env.HOME, '.rkat', 'skills');
}

/** Runs `use` on a runtime whose project root is the working directory; skill errors become CLI errors. */
async function withRuntime<T>(
  flags: SkillFlags,
  io: CliIo,
  use: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = await openRuntime({
    ...runtimeOptions(flags, io),
    contextRoot: io.cwd,
    ...(io.env.HOME ? { userConfigRoot: io.env.HOME } : {}),
  });
  try {
    return await use(runtime);
  } catch (error) {
    if (error instanceof RuntimeError) throw new CliError(error.message, { cause: error });
    throw error;
  } finally {
    await runtime.close();
  }
}

function cliIdError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidSkillIdError) throw new CliError(error.message, { cause: error });
    throw error;
  }
}

async function findSkill(runtime: Runtime, id: string): Promise<SkillDocument> {
  const parsed = cliIdError(() => parseSkillId(id));
  const { catalog } = await runtime.skills.snapshot();
  const found =
    parsed.source_uuid === undefined
      ? catalog.byName(parsed.skill_name)
      : catalog.get({ source_uuid: parsed.source_uuid, skill_name: parsed.skill_name });
  if (!found) throw new CliError(`skill not found: ${id}`);
  return found;
}

/** Checks a skill to add: a directory holding SKILL.md, or a SKILL.md file; returns its directory and name. */
async function readSource(
  path: string,
): Promise<{ directory: string | undefined; file: string; name: string }> {
  const absolute = resolve(path);
  const isDirectory = (await stat(absolute).catch(() => undefined))?.isDirectory();
  if (isDirectory === undefined) throw new CliError(`no such file or directory: ${path}`);
  const file = isDirectory ? join(absolute, 'SKILL.md') : absolute;
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliError(`no SKILL.md in ${path}`);
  });
  let name: string;
  try {
    const declared = parseSkillFile(text).fields.get('name');
    name = typeof declared === 'string' ? declared : '';
    assertSkillName(name);
    if (isDirectory && basename(absolute) !== name) {
      throw new InvalidSkillIdError(
        `front matter name '${name}' does not match its directory '${basename(absolute)}'`,
      );
    }
    buildSkillDocument({
      expectedName: name,
      text,
      scope: 'project',
      source: {
        source_uuid: 'x',
        display_name: 'x',
        transport_kind: 'filesystem',
        fingerprint: '',
        status: 'active',
      },
    });
  } catch (error) {
    if (error instanceof FrontMatterError || error instanceof InvalidSkillIdError) {
      throw new CliError(`invalid SKILL.md: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return { directory: isDirectory ? absolute : undefined, file, name };
}

/** `rkat skill list|get|add|remove` (02 §7.1): the skills of every source and the project and user folders. */
export function registerSkillCommand(program: Command, io: CliIo): void {
  const skill = program.command('skill').description('list, show, add and remove skills');
  addRealmOptions(skill.command('list').description('list the skills of every source'))
    .option('--json', 'print the skills/list result as JSON')
    .action(async (_options: SkillFlags, command: Command) => {
      const flags = command.optsWithGlobals<SkillFlags>();
      const listed = await withRuntime(flags, io, (runtime) => runtime.skills.list());
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
        return;
      }
      const rows = listed.skills.map((entry) => [
        skillId(entry.key),
        entry.scope,
        entry.is_active ? 'yes' : `shadowed by ${entry.shadowed_by?.display_name ?? '?'}`,
        entry.description,
      ]);
      io.stdout.write(renderTable(['ID', 'SCOPE', 'ACTIVE', 'DESCRIPTION'], rows));
    });
  addRealmOptions(skill.command('get').description('show one skill (an id or a bare name)'))
    .argument('<id>', '<source_uuid>/<name> or <name>')
    .option('--json', 'print JSON')
    .action(async (id: string, _options: SkillFlags, command: Command) => {
      const flags = command.optsWithGlobals<SkillFlags>();
      const found = await withRuntime(flags, io, (runtime) => findSkill(runtime, id));
      const shown = {
        key: found.key,
        scope: found.scope,
        source: found.source.display_name,
        description: found.description,
        requires_capabilities: found.requiresCapabilities,
        body: found.body,
      };
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
        return;
      }
      const lines = [
        `id: ${skillId(found.key)}`,
        `scope: ${found.scope}`,
        `description: ${found.description}`,
        ...(found.requiresCapabilities.length > 0
          ? [`requires: ${found.requiresCapabilities.join(', ')}`]
          : []),
        '',
        found.body,
      ];
      io.stdout.write(`${lines.join('\n')}\n`);
    });
  skill
    .command('add')
    .description('copy a skill (a directory with SKILL.md, or a SKILL.md file) into .rkat/skills')
    .argument('<path>', 'the skill directory or its SKILL.md')
    .option('--scope <scope>', 'project (default) or user', parseScope)
    .option('--force', 'replace a skill of the same name')
    .action(async (path: string, flags: SkillFlags) => {
      const source = await readSource(path);
      const scope = flags.scope ?? 'project';
      const target = join(skillsRoot(scope, io), source.name);
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (exists && flags.force !== true)
        throw new CliError(`skill '${source.name}' already exists in ${target} (use --force)`);
      await rm(target, { recursive: true, force: true });
      if (source.directory !== undefined) {
        await cp(source.directory, target, { recursive: true, dereference: false, verbatimSymlinks: true });
      } else {
        await cp(source.file, join(target, 'SKILL.md'));
      }
      const uuid = scope === 'project' ? PROJECT_SOURCE_UUID : USER_SOURCE_UUID;
      io.stdout.write(`added skill ${uuid}/${source.name} (${scope}: ${target})\n`);
    });
  skill
    .command('remove')
    .description('delete a skill folder from .rkat/skills')
    .argument('<name>', 'skill name')
    .option('--scope <scope>', 'project (default) or user', parseScope)
    .action(async (name: string, flags: SkillFlags) => {
      cliIdError(() => assertSkillName(name));
      const scope = flags.scope ?? 'project';
      const target = join(skillsRoot(scope, io), name);
      const isSkill = await stat(join(target, 'SKILL.md')).then(
        (info) => info.isFile(),
        () => false,
      );
      if (!isSkill) throw new CliError(`no ${scope} skill named '${name}'`);
      await rm(target, { recursive: true, force: true });
      io.stdout.write(`removed skill '${name}' (${scope}: ${target})\n`);
    });
}
