import type { Stats } from 'node:fs';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';

/** A path given to a tool points outside the project root (lexically or through a symlink). */
export class WorkspaceEscapeError extends Error {
  override readonly name = 'WorkspaceEscapeError';
}

/** The project root a tool is confined to: the path as configured and its resolved real path. */
export interface Workspace {
  readonly root: string;
  readonly realRoot: string;
}

/** Resolves the project root once. Throws when it does not exist. */
export async function openWorkspace(root: string): Promise<Workspace> {
  const absolute = resolve(root);
  return { root: absolute, realRoot: await realpath(absolute) };
}

export interface LexicalPolicy {
  /** Accept an absolute path that lies inside the root (default true). */
  allowAbsolute?: boolean;
  /** Accept `..` segments as long as the result stays inside the root (default true). */
  allowParentSegments?: boolean;
}

function isInside(base: string, candidate: string): boolean {
  const rel = relative(base, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Maps a user-supplied path to an absolute path under the real root without touching the file system.
 * Relative paths are taken from the root; `..` that climbs out, an absolute path outside the root, a NUL
 * byte or an empty path throw `WorkspaceEscapeError` (or `TypeError` for malformed input).
 */
export function resolveInWorkspace(
  workspace: Workspace,
  userPath: string,
  policy: LexicalPolicy = {},
): string {
  if (userPath.length === 0) throw new TypeError('path must not be empty');
  if (userPath.includes('\0')) throw new TypeError(`path '${userPath}' contains a NUL byte`);
  const segments = userPath.split(/[\\/]+/);
  if (policy.allowParentSegments === false && segments.includes('..')) {
    throw new WorkspaceEscapeError(`path '${userPath}' must not contain '..'`);
  }
  if (isAbsolute(userPath)) {
    if (policy.allowAbsolute === false) {
      throw new WorkspaceEscapeError(`path '${userPath}' must be relative to the project root`);
    }
    const absolute = normalize(userPath);
    for (const base of [workspace.realRoot, workspace.root]) {
      if (isInside(base, absolute)) return join(workspace.realRoot, relative(base, absolute));
    }
    throw new WorkspaceEscapeError(`path '${userPath}' escapes the project root`);
  }
  const absolute = resolve(workspace.realRoot, userPath);
  if (!isInside(workspace.realRoot, absolute)) {
    throw new WorkspaceEscapeError(`path '${userPath}' escapes the project root`);
  }
  return absolute;
}

/** The path of `absolute` relative to the root, `.` for the root itself, with forward slashes. */
export function displayPath(workspace: Workspace, absolute: string): string {
  const rel = relative(workspace.realRoot, absolute);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

/**
 * Resolves the symlinks of an existing `absolute` path and checks the result is still inside the root.
 * Throws `WorkspaceEscapeError` ("symlink detected") on an escape, or the file system's error (ENOENT).
 */
export async function realPathInWorkspace(
  workspace: Workspace,
  absolute: string,
  userPath: string,
): Promise<string> {
  const real = await realpath(absolute);
  if (!isInside(workspace.realRoot, real)) {
    throw new WorkspaceEscapeError(`path '${userPath}' escapes the project root (symlink detected)`);
  }
  return real;
}

/**
 * Checks every existing ancestor of `absolute` below the root: each must resolve inside the root and be a
 * directory. Missing ancestors are fine (they will be created inside a checked directory). Throws
 * `WorkspaceEscapeError` on a symlink out, `TypeError` when an ancestor is not a directory.
 */
export async function checkAncestorsInWorkspace(
  workspace: Workspace,
  absolute: string,
  userPath: string,
): Promise<void> {
  const parts = relative(workspace.realRoot, absolute).split(sep).slice(0, -1);
  let current = workspace.realRoot;
  for (const part of parts) {
    current = join(current, part);
    try {
      await lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const real = await realPathInWorkspace(workspace, current, userPath);
    const stats = await lstat(real);
    if (!stats.isDirectory()) throw new TypeError(`'${displayPath(workspace, current)}' is not a directory`);
  }
}

/** Like `lstat`, but `undefined` when nothing (not even a dangling symlink) is at `absolute`. */
export async function lstatOrUndefined(absolute: string): Promise<Stats | undefined> {
  try {
    return await lstat(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Reads the regular file at `absolute` (resolved from `userPath`) after checking that it resolves inside the
 * root and is at most `maxBytes` long. Throws a message the model can act on when it is missing, not a
 * file or too large.
 */
export async function readBoundedWorkspaceFile(
  workspace: Workspace,
  absolute: string,
  userPath: string,
  maxBytes: number,
): Promise<Buffer> {
  const real = await realPathInWorkspace(workspace, absolute, userPath).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new Error(`cannot read '${userPath}': no such file`);
      throw error;
    },
  );
  const stats = await stat(real);
  if (!stats.isFile()) throw new TypeError(`'${userPath}' is not a file`);
  if (stats.size > maxBytes) {
    throw new RangeError(`file size ${stats.size} bytes exceeds maximum ${maxBytes} bytes`);
  }
  return readFile(real);
}
