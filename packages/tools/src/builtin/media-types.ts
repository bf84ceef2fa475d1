import { extname } from 'node:path';

/** Image formats `view_image` accepts, by lower-case extension. */
export const IMAGE_MEDIA_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

/** Media types `blob_load_file` infers from an extension when the caller gives none. */
export const FILE_MEDIA_TYPES: Readonly<Record<string, string>> = {
  ...IMAGE_MEDIA_TYPES,
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/** The lower-case extension of `path` without the dot, or `undefined` when it has none. */
export function extensionOf(path: string): string | undefined {
  const extension = extname(path);
  return extension.length > 1 ? extension.slice(1).toLowerCase() : undefined;
}
