import { mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BuiltinTool } from '../builtin/builtin-tool.js';
import { extensionOf, FILE_MEDIA_TYPES } from '../builtin/media-types.js';
import { nullable, optionalBoolean, optionalString, requiredString } from '../builtin/tool-args.js';
import { jsonOutcome } from '../builtin/tool-outcome.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import {
  checkAncestorsInWorkspace,
  displayPath,
  lstatOrUndefined,
  openWorkspace,
  readBoundedWorkspaceFile,
  realPathInWorkspace,
  resolveInWorkspace,
} from '../workspace/workspace.js';
import { assertCanonicalBlobId, decodedSize, type BlobPort } from './blob-port.js';

/** The largest file `blob_load_file` stores: 25 MiB. */
export const MAX_LOAD_FILE_BYTES = 25 * 1024 * 1024;

export interface BlobToolsOptions {
  /** The project root files are read from and written to. */
  projectRoot: string;
  /** The session's blob store. */
  blobs: BlobPort;
}

function inferMediaType(path: string): string {
  const extension = extensionOf(path);
  if (extension === undefined)
    throw new TypeError(`cannot infer media type for '${path}'; provide media_type`);
  const mediaType = FILE_MEDIA_TYPES[extension];
  if (mediaType === undefined) {
    throw new TypeError(`cannot infer media type from extension '.${extension}'; provide media_type`);
  }
  return mediaType;
}

/** `blob_save_file {blob_id, path, overwrite=false}` → `{blob_id, media_type, path, bytes_written}`. */
export function createBlobSaveFileTool(options: BlobToolsOptions): BuiltinTool {
  return {
    def: {
      name: 'blob_save_file',
      description:
        'Save blob bytes from the session blob store to a file inside the project root. For generated-image requests, first call generate_image, then call this tool with the returned blob id. Does not transcode formats and never returns raw bytes.',
      input_schema: {
        type: 'object',
        properties: {
          blob_id: { type: 'string', description: 'Blob ID to save (sha256:<64 hex>).' },
          path: {
            type: 'string',
            description: 'Destination path, relative to project root or absolute within the project.',
          },
          overwrite: nullable({
            type: 'boolean',
            default: false,
            description: 'Allow replacing an existing file. Defaults to false.',
          }),
        },
        required: ['blob_id', 'path'],
      },
    },
    execute: async (args) => {
      const blobId = requiredString(args, 'blob_id');
      const userPath = requiredString(args, 'path');
      const overwrite = optionalBoolean(args, 'overwrite') ?? false;
      assertCanonicalBlobId(blobId);
      const workspace = await openWorkspace(options.projectRoot);
      const absolute = resolveInWorkspace(workspace, userPath);
      await checkAncestorsInWorkspace(workspace, absolute, userPath);
      const blob = await options.blobs.getBlob(blobId);
      const bytes = Buffer.from(blob.data, 'base64');
      const existing = await lstatOrUndefined(absolute);
      if (existing !== undefined) {
        if (!overwrite) {
          throw new Error(`destination '${userPath}' already exists; set overwrite=true to replace it`);
        }
        const real = await realPathInWorkspace(workspace, absolute, userPath);
        if (!(await stat(real)).isFile()) throw new TypeError(`destination '${userPath}' is not a file`);
      }
      await mkdir(dirname(absolute), { recursive: true });
      await realPathInWorkspace(workspace, dirname(absolute), userPath);
      if (overwrite) {
        await writeFileAtomic(absolute, bytes);
      } else {
        const handle = await open(absolute, 'wx');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }
      return jsonOutcome({
        blob_id: blob.blob_id,
        media_type: blob.media_type,
        path: displayPath(workspace, absolute),
        bytes_written: bytes.length,
      });
    },
  };
}

/** `blob_load_file {path, media_type}` → `{blob_id, media_type, path, bytes_read}` (file ≤ 25 MiB). */
export function createBlobLoadFileTool(options: BlobToolsOptions): BuiltinTool {
  return {
    def: {
      name: 'blob_load_file',
      description:
        'Read a file from inside the project root and store its bytes in the session blob store. Returns a blob id that other blob-aware tools can use. Files up to 25 MB.',
      input_schema: {
        type: 'object',
        properties: {
          path: {
            type: 'string',
            description: 'Source file path, relative to project root or absolute within the project.',
          },
          media_type: nullable({
            type: 'string',
            description: 'Optional media type. Inferred from the file extension when omitted.',
          }),
        },
        required: ['path'],
      },
    },
    execute: async (args) => {
      const userPath = requiredString(args, 'path');
      const workspace = await openWorkspace(options.projectRoot);
      const absolute = resolveInWorkspace(workspace, userPath);
      const bytes = await readBoundedWorkspaceFile(workspace, absolute, userPath, MAX_LOAD_FILE_BYTES);
      const mediaType = optionalString(args, 'media_type') ?? inferMediaType(userPath);
      const blobId = await options.blobs.putBlob(bytes, mediaType);
      return jsonOutcome({
        blob_id: blobId,
        media_type: mediaType,
        path: displayPath(workspace, absolute),
        bytes_read: bytes.length,
      });
    },
  };
}

/** `blob_inspect {blob_id}` → `{blob_id, media_type, size_bytes}`, never the bytes. */
export function createBlobInspectTool(options: Pick<BlobToolsOptions, 'blobs'>): BuiltinTool {
  return {
    def: {
      name: 'blob_inspect',
      description:
        'Inspect a blob in the session blob store without returning raw bytes. Returns blob id, media type, and decoded byte size.',
      input_schema: {
        type: 'object',
        properties: { blob_id: { type: 'string', description: 'Blob ID to inspect (sha256:<64 hex>).' } },
        required: ['blob_id'],
      },
    },
    execute: async (args) => {
      const blobId = requiredString(args, 'blob_id');
      assertCanonicalBlobId(blobId);
      const blob = await options.blobs.getBlob(blobId);
      return jsonOutcome({
        blob_id: blob.blob_id,
        media_type: blob.media_type,
        size_bytes: decodedSize(blob.data),
      });
    },
  };
}
