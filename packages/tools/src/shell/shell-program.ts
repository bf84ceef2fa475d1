import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

/** Shells tried, in order, when the configured program is not installed (as the original does for `nu`). */
export const FALLBACK_SHELLS: readonly string[] = ['bash', 'zsh', 'sh'];

/** No usable shell was found. */
export class ShellNotInstalledError extends Error {
  override readonly name = 'ShellNotInstalledError';
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function findOnPath(program: string, pathVariable: string): Promise<string | undefined> {
  if (isAbsolute(program) || program.includes('/'))
    return (await isExecutableFile(program)) ? program : undefined;
  for (const directory of pathVariable.split(delimiter)) {
    if (directory === '') continue;
    const candidate = join(directory, program);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Finds the program commands run with: `program` (a name looked up on `PATH`, or a path), else the first
 * installed fallback shell. Throws `ShellNotInstalledError` listing what was tried.
 */
export async function resolveShellProgram(program: string, pathVariable: string): Promise<string> {
  const tried: string[] = [];
  for (const candidate of [program, ...FALLBACK_SHELLS.filter((shell) => shell !== program)]) {
    const found = await findOnPath(candidate, pathVariable);
    if (found !== undefined) return found;
    tried.push(candidate);
  }
  throw new ShellNotInstalledError(`Shell not installed: ${program} (tried: ${tried.join(', ')})`);
}
