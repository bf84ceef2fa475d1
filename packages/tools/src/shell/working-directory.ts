import { stat } from 'node:fs/promises';
import {
  realPathInWorkspace,
  resolveInWorkspace,
  WorkspaceEscapeError,
  type Workspace,
} from '../workspace/workspace.js';

/**
 * Resolves a command's `working_dir` inside the workspace: relative to the root, or absolute inside it;
 * `..` out of the root and symlinks resolving outside it are refused. Returns the real path of the
 * directory. Throws `WorkspaceEscapeError` or `Error('Working directory not found: …')`.
 */
export async function resolveWorkingDirectory(
  workspace: Workspace,
  workingDir: string | undefined,
): Promise<string> {
  if (workingDir === undefined) return workspace.realRoot;
  let real: string;
  try {
    real = await realPathInWorkspace(workspace, resolveInWorkspace(workspace, workingDir), workingDir);
  } catch (error) {
    if (error instanceof WorkspaceEscapeError) {
      throw new WorkspaceEscapeError(
        `Working directory '${workingDir}' is outside project root (${error.message})`,
      );
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`Working directory not found: ${workingDir}`);
    throw error;
  }
  if (!(await stat(real)).isDirectory())
    throw new Error(`Working directory is not a directory: ${workingDir}`);
  return real;
}
