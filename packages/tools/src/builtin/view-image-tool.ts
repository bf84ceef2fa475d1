import type { BuiltinTool } from './builtin-tool.js';
import { extensionOf, IMAGE_MEDIA_TYPES } from './media-types.js';
import { requiredString } from './tool-args.js';
import { openWorkspace, readBoundedWorkspaceFile, resolveInWorkspace } from '../workspace/workspace.js';

/** The largest image `view_image` reads: 5 MiB. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export interface ViewImageToolOptions {
  /** The project root images are read from. */
  projectRoot: string;
}

/**
 * The `view_image {path}` built-in (02 §6.3): reads an image inside the project root (≤ 5 MiB, png, jpeg,
 * gif, webp or svg) and returns it as one inline image content block.
 */
export function createViewImageTool(options: ViewImageToolOptions): BuiltinTool {
  return {
    def: {
      name: 'view_image',
      description:
        'Read an image file from the project and return its contents. Supports PNG, JPEG, GIF, WebP, and SVG formats up to 5 MB.',
      input_schema: {
        type: 'object',
        properties: {
          path: {
            type: 'string',
            description:
              'Path to the image file to view (relative to project root, or absolute within project).',
          },
        },
        required: ['path'],
      },
    },
    execute: async (args) => {
      const userPath = requiredString(args, 'path');
      const workspace = await openWorkspace(options.projectRoot);
      const absolute = resolveInWorkspace(workspace, userPath);
      const extension = extensionOf(absolute);
      if (extension === undefined) throw new TypeError(`file '${userPath}' has no extension`);
      const mediaType = IMAGE_MEDIA_TYPES[extension];
      if (mediaType === undefined) {
        throw new TypeError(
          `unsupported image extension '.${extension}'; supported: ${Object.keys(IMAGE_MEDIA_TYPES).join(', ')}`,
        );
      }
      const bytes = await readBoundedWorkspaceFile(workspace, absolute, userPath, MAX_IMAGE_BYTES);
      const data = bytes.toString('base64');
      return { content: [{ type: 'image', media_type: mediaType, source: 'inline', data }], isError: false };
    },
  };
}
