import {
  createBlobInspectTool,
  createBlobLoadFileTool,
  createBlobSaveFileTool,
} from '../blobs/blob-tools.js';
import type { BlobPort } from '../blobs/blob-port.js';
import { createTaskTools } from '../tasks/task-tools.js';
import type { TaskStore } from '../tasks/task-store.js';
import { createApplyPatchTool } from './apply-patch/apply-patch-tool.js';
import type { BuiltinTool } from './builtin-tool.js';
import { createDatetimeTool } from './datetime-tool.js';
import { createViewImageTool } from './view-image-tool.js';

export interface BuiltinsFamilyOptions {
  /** The project root (workspace) file tools are confined to. */
  projectRoot: string;
  /** The realm's task store (`FileTaskStore` over a realm directory). */
  taskStore: TaskStore;
  /** The session's blob store; without one the blob tools are left out. */
  blobs?: BlobPort;
  /** The session the task tools act for. */
  sessionId?: string;
  /** Current time in epoch milliseconds; defaults to `Date.now`. */
  now?: () => number;
}

/**
 * The tools of the `builtins` capability (01 §4.2) this package implements, in the order of the table:
 * task_list, task_create, task_get, task_update, datetime, apply_patch, view_image, blob_save_file,
 * blob_load_file, blob_inspect. Wrap them in a `BuiltinToolSource` (alone or with other tools).
 */
export function createBuiltinsFamilyTools(options: BuiltinsFamilyOptions): BuiltinTool[] {
  const tools = [
    ...createTaskTools({
      store: options.taskStore,
      ...(options.sessionId ? { sessionId: options.sessionId } : {}),
    }),
    createDatetimeTool(options.now ? { now: options.now } : {}),
    createApplyPatchTool({ projectRoot: options.projectRoot }),
    createViewImageTool({ projectRoot: options.projectRoot }),
  ];
  if (options.blobs !== undefined) {
    const blobOptions = { projectRoot: options.projectRoot, blobs: options.blobs };
    tools.push(
      createBlobSaveFileTool(blobOptions),
      createBlobLoadFileTool(blobOptions),
      createBlobInspectTool(blobOptions),
    );
  }
  return tools;
}
