import { mkdir, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../workspace/atomic-write.js';
import {
  checkAncestorsInWorkspace,
  displayPath,
  lstatOrUndefined,
  openWorkspace,
  realPathInWorkspace,
  resolveInWorkspace,
  type Workspace,
} from '../../workspace/workspace.js';
import { applyUpdateChunks } from './patch-content.js';
import { parsePatch, type PatchHunk } from './patch-parser.js';

/** What a successful patch changed, as paths relative to the project root. */
export interface PatchResult {
  status: 'success';
  added_files: string[];
  modified_files: string[];
  deleted_files: string[];
}

/** The patch cannot be applied as written; nothing was changed. */
export class PatchApplyError extends Error {
  override readonly name = 'PatchApplyError';
}

/** The final content of each touched file (`null`: deleted), in the order the patch touched them. */
type PlannedFiles = Map<string, string | null>;

interface OriginalFile {
  content: Buffer | undefined;
  mode: number | undefined;
}

/**
 * Applies an apply_patch text inside `projectRoot`, all or nothing: every hunk is parsed, located and
 * computed in memory first (paths must be relative, without `..`, and may not reach outside the root through
 * a symlink); only then are files written (atomically, one by one). If a write fails, the files already
 * written are restored. Throws `PatchParseError`, `PatchMismatchError`, `PatchApplyError` or
 * `WorkspaceEscapeError` with a message the model can act on.
 */
export async function applyPatch(projectRoot: string, patch: string): Promise<PatchResult> {
  const workspace = await openWorkspace(projectRoot);
  const hunks = parsePatch(patch);
  if (hunks.length === 0) throw new PatchApplyError('No files were modified: the patch contains no hunks.');
  const planned: PlannedFiles = new Map();
  const result: PatchResult = { status: 'success', added_files: [], modified_files: [], deleted_files: [] };
  for (const hunk of hunks) await planHunk(workspace, hunk, planned, result);
  await commit(workspace, planned);
  return result;
}

function resolvePatchPath(workspace: Workspace, userPath: string): string {
  return resolveInWorkspace(workspace, userPath.trim(), { allowAbsolute: false, allowParentSegments: false });
}

async function existsNow(planned: PlannedFiles, absolute: string): Promise<boolean> {
  if (planned.has(absolute)) return planned.get(absolute) !== null;
  return (await lstatOrUndefined(absolute)) !== undefined;
}

async function readCurrent(
  workspace: Workspace,
  planned: PlannedFiles,
  absolute: string,
  userPath: string,
): Promise<string> {
  const plannedContent = planned.get(absolute);
  if (plannedContent !== undefined) {
    if (plannedContent === null)
      throw new PatchApplyError(`Failed to read file ${userPath}: deleted earlier in this patch`);
    return plannedContent;
  }
  const stats = await lstatOrUndefined(absolute);
  if (stats === undefined) throw new PatchApplyError(`Failed to read file ${userPath}: no such file`);
  const real = await realPathInWorkspace(workspace, absolute, userPath);
  const target = await lstatOrUndefined(real);
  if (target === undefined || !target.isFile())
    throw new PatchApplyError(`Failed to read file ${userPath}: not a regular file`);
  return readFile(real, 'utf8');
}

async function planHunk(
  workspace: Workspace,
  hunk: PatchHunk,
  planned: PlannedFiles,
  result: PatchResult,
): Promise<void> {
  const absolute = resolvePatchPath(workspace, hunk.path);
  const shown = displayPath(workspace, absolute);
  await checkAncestorsInWorkspace(workspace, absolute, hunk.path);
  switch (hunk.kind) {
    case 'add': {
      if (await existsNow(planned, absolute)) {
        throw new PatchApplyError(
          `Failed to add file ${shown}: it already exists (use '*** Update File' to change it)`,
        );
      }
      planned.set(absolute, hunk.contents);
      result.added_files.push(shown);
      return;
    }
    case 'delete': {
      await readCurrent(workspace, planned, absolute, shown);
      planned.set(absolute, null);
      result.deleted_files.push(shown);
      return;
    }
    case 'update': {
      const updated = applyUpdateChunks(
        await readCurrent(workspace, planned, absolute, shown),
        hunk.chunks,
        shown,
      );
      if (hunk.movePath === undefined) {
        planned.set(absolute, updated);
        result.modified_files.push(shown);
        return;
      }
      const destination = resolvePatchPath(workspace, hunk.movePath);
      const destinationShown = displayPath(workspace, destination);
      await checkAncestorsInWorkspace(workspace, destination, hunk.movePath);
      if (destination !== absolute && (await existsNow(planned, destination))) {
        throw new PatchApplyError(
          `Failed to move ${shown} to ${destinationShown}: destination already exists`,
        );
      }
      planned.set(destination, updated);
      if (destination !== absolute) planned.set(absolute, null);
      result.modified_files.push(destinationShown);
      return;
    }
  }
}

async function snapshot(absolute: string): Promise<OriginalFile> {
  const stats = await lstatOrUndefined(absolute);
  if (stats === undefined || !stats.isFile()) return { content: undefined, mode: undefined };
  return { content: await readFile(absolute), mode: stats.mode & 0o7777 };
}

async function commit(workspace: Workspace, planned: PlannedFiles): Promise<void> {
  const originals = new Map<string, OriginalFile>();
  for (const absolute of planned.keys()) originals.set(absolute, await snapshot(absolute));
  const written: string[] = [];
  try {
    for (const [absolute, content] of planned) {
      written.push(absolute);
      if (content === null) {
        await unlink(absolute).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
        continue;
      }
      await mkdir(dirname(absolute), { recursive: true });
      // Re-check after creating directories: the tree may have changed since planning.
      await realPathInWorkspace(workspace, dirname(absolute), displayPath(workspace, absolute));
      await writeFileAtomic(absolute, content, originals.get(absolute)?.mode ?? 0o644);
    }
  } catch (error) {
    const restoreFailures = await restore(written, originals);
    const reason = error instanceof Error ? error.message : String(error);
    const state =
      restoreFailures.length === 0
        ? 'no files were changed'
        : `some files could not be restored: ${restoreFailures.map((path) => displayPath(workspace, path)).join(', ')}`;
    throw new PatchApplyError(`Failed to apply patch (${state}): ${reason}`, { cause: error });
  }
}

async function restore(written: readonly string[], originals: Map<string, OriginalFile>): Promise<string[]> {
  const failures: string[] = [];
  for (const absolute of [...written].reverse()) {
    const original = originals.get(absolute);
    try {
      if (original?.content === undefined) await unlink(absolute).catch(() => undefined);
      else await writeFileAtomic(absolute, original.content, original.mode);
    } catch {
      failures.push(absolute);
    }
  }
  return failures;
}
