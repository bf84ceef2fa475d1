import { accessSync, constants, statSync } from 'node:fs';
import { basename, delimiter, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MeerkatError } from './errors.js';

/** How to start the runtime: the command, the arguments before the flags, and whether it is the legacy CLI. */
export interface ResolvedBinary {
  readonly command: string;
  readonly prefixArgs: readonly string[];
  /** A binary named `rkat`: the legacy `rkat rpc` sub-command, which takes no realm flags. */
  readonly legacy: boolean;
}

/** The default binary name; any other constructor argument is an explicit path. */
export const DEFAULT_BINARY = 'rkat-rpc';

/** This repository's build of `rkat-rpc`, relative to this file (packages/sdk/dist/src/binary.js). */
const REPOSITORY_BUILD = fileURLToPath(
  new URL('../../../rpc-server/dist/src/bin/rkat-rpc.js', import.meta.url),
);

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return isFile(path);
  } catch {
    return false;
  }
}

function onPath(name: string, pathVariable: string | undefined): string | undefined {
  for (const dir of (pathVariable ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** A JavaScript entry point runs with this Node; anything else runs directly. */
function fromFile(path: string): ResolvedBinary {
  const name = basename(path);
  if (/\.(c|m)?js$/.test(name)) {
    return { command: process.execPath, prefixArgs: [path], legacy: false };
  }
  return name === 'rkat' || name === 'rkat.exe'
    ? { command: path, prefixArgs: ['rpc'], legacy: true }
    : { command: path, prefixArgs: [], legacy: false };
}

function resolveValue(value: string, pathVariable: string | undefined, what: string): ResolvedBinary {
  if (value.includes('/') || value.includes('\\') || isAbsolute(value)) {
    if (isFile(value)) return fromFile(value);
    throw new MeerkatError('BINARY_NOT_FOUND', `${what} ${value} does not exist.`);
  }
  const found = onPath(value, pathVariable);
  if (found === undefined) throw new MeerkatError('BINARY_NOT_FOUND', `${what} ${value} is not on PATH.`);
  return fromFile(found);
}

/**
 * Finds the runtime binary, first match wins: `MEERKAT_BIN_PATH`, an explicit path (anything other than
 * `rkat-rpc`), `rkat-rpc` on `PATH`, then this repository's build run with `process.execPath`.
 * Throws `MeerkatError('BINARY_NOT_FOUND')` when none exists (there is no download).
 */
export function resolveBinary(
  rkatPath: string,
  env: NodeJS.ProcessEnv = process.env,
  repositoryBuild: string = REPOSITORY_BUILD,
): ResolvedBinary {
  const fromEnv = env.MEERKAT_BIN_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    const trimmed = fromEnv.trim();
    if (trimmed === '')
      throw new MeerkatError('BINARY_NOT_FOUND', 'MEERKAT_BIN_PATH is set to an empty path.');
    return resolveValue(trimmed, env.PATH, 'MEERKAT_BIN_PATH');
  }
  if (rkatPath !== DEFAULT_BINARY) return resolveValue(rkatPath, env.PATH, 'Binary');
  const found = onPath(DEFAULT_BINARY, env.PATH);
  if (found !== undefined) return fromFile(found);
  if (isFile(repositoryBuild))
    return { command: process.execPath, prefixArgs: [repositoryBuild], legacy: false };
  throw new MeerkatError(
    'BINARY_NOT_FOUND',
    'rkat-rpc not found: set MEERKAT_BIN_PATH, pass a path, put rkat-rpc on PATH, or build this repository.',
  );
}
