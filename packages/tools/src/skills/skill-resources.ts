import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { assertResourcePath } from './skill-id.js';
import type { SkillDocument } from './skill-types.js';

/** At most this many resources are listed per skill. */
export const MAX_LISTED_RESOURCES = 200;
/** Largest resource `skill_read_resource` returns. */
export const MAX_RESOURCE_BYTES = 256 * 1024;
const MAX_DEPTH = 4;

export class SkillResourceError extends Error {
  override readonly name = 'SkillResourceError';
}

async function walk(root: string, directory: string, depth: number, out: string[]): Promise<void> {
  if (depth > MAX_DEPTH || out.length >= MAX_LISTED_RESOURCES) return;
  const entries = (await readdir(directory, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  for (const entry of entries) {
    if (out.length >= MAX_LISTED_RESOURCES) return;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) await walk(root, path, depth + 1, out);
    else if (entry.isFile()) {
      const rel = relative(root, path).split(sep).join('/');
      if (rel !== 'SKILL.md') out.push(rel);
    }
  }
}

/** The files of a skill besides its SKILL.md, as `/`-separated relative paths (symlinks are skipped). */
export async function listSkillResources(skill: SkillDocument): Promise<string[]> {
  if (skill.embeddedResources) return Object.keys(skill.embeddedResources).sort();
  if (skill.directory === undefined) return [];
  const out: string[] = [];
  await walk(skill.directory, skill.directory, 0, out);
  return out;
}

/**
 * Reads one resource of a skill as UTF-8 text. The path is validated before any file access (no `..`,
 * absolute path, NUL or backslash), must resolve inside the skill directory after symlinks, and be a
 * regular file of at most 256 KiB. Throws `InvalidSkillIdError` or `SkillResourceError`.
 */
export async function readSkillResource(skill: SkillDocument, path: string): Promise<string> {
  assertResourcePath(path);
  if (skill.embeddedResources) {
    const text = skill.embeddedResources[path];
    if (text === undefined) throw new SkillResourceError(`resource '${path}' not found`);
    return text;
  }
  if (skill.directory === undefined) throw new SkillResourceError(`resource '${path}' not found`);
  const target = join(skill.directory, ...path.split('/'));
  let resolved: string;
  let root: string;
  try {
    [resolved, root] = await Promise.all([realpath(target), realpath(skill.directory)]);
  } catch {
    throw new SkillResourceError(`resource '${path}' not found`);
  }
  if (!resolved.startsWith(root + sep))
    throw new SkillResourceError(`resource '${path}' is outside the skill`);
  const info = await lstat(resolved);
  if (!info.isFile()) throw new SkillResourceError(`resource '${path}' is not a file`);
  if (info.size > MAX_RESOURCE_BYTES) {
    throw new SkillResourceError(`resource '${path}' is larger than ${MAX_RESOURCE_BYTES} bytes`);
  }
  return readFile(resolved, 'utf8');
}
