import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkContract, parseJson } from '@rkat/contracts';
import { Type } from '@sinclair/typebox';
import { RuntimeError } from '../errors/runtime-error.js';
import { writeFileAtomic } from '@rkat/tools';
import { blobDigestOf, blobIdOf } from './blob-id.js';

/** The result of `blob/get` (01 §14). */
export interface BlobPayload {
  blob_id: string;
  media_type: string;
  /** The bytes, base64. */
  data: string;
}

/** `blob/get` of an id that is well-formed but not stored: -32602 `blob not found: <id>`. */
export class BlobNotFoundError extends RuntimeError {
  override readonly name = 'BlobNotFoundError';
  constructor(readonly blobId: string) {
    super('INVALID_PARAMS', `blob not found: ${blobId}`);
  }
}

const BlobMeta = Type.Object({ media_type: Type.String() });
// type/subtype with optional parameters; printable ASCII only.
const MEDIA_TYPE = /^[A-Za-z0-9][\w!#$&^.+-]*\/[\w!#$&^.+-]+(\s*;[\x20-\x7e]*)?$/;
const DEFAULT_MEDIA_TYPE = 'application/octet-stream';

/**
 * Content-addressed blobs of a realm: `<blobs>/<sha256 hex>` holds the bytes and `<hex>.meta.json` their
 * media type. Both are written atomically; a blob is immutable once stored (the first media type wins).
 */
export class BlobStore {
  constructor(readonly directory: string) {}

  /**
   * Stores `bytes` and returns their id `sha256:<64 hex>`. Storing the same bytes again is a no-op. Throws
   * `RuntimeError('INVALID_PARAMS')` for a malformed media type, or the file system's error.
   */
  async putBlob(bytes: Uint8Array, mediaType: string): Promise<string> {
    if (mediaType.length > 255 || !MEDIA_TYPE.test(mediaType)) {
      throw new RuntimeError('INVALID_PARAMS', 'invalid media type');
    }
    const blobId = blobIdOf(bytes);
    const path = this.dataPath(blobDigestOf(blobId));
    if (await exists(path)) return blobId;
    await mkdir(this.directory, { recursive: true });
    // The sidecar first: once the data file exists, its media type is readable.
    await writeFileAtomic(`${path}.meta.json`, `${JSON.stringify({ media_type: mediaType })}\n`);
    await writeFileAtomic(path, bytes);
    return blobId;
  }

  /**
   * Reads a blob. The id is validated before any file access (`RuntimeError('INVALID_PARAMS')`); a missing
   * blob throws `BlobNotFoundError`; stored bytes that no longer match their id throw `INTERNAL_ERROR`.
   */
  async getBlob(blobId: unknown): Promise<BlobPayload> {
    const digest = blobDigestOf(blobId);
    const id = `sha256:${digest}`;
    const path = this.dataPath(digest);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(id);
      throw error;
    }
    if (blobIdOf(bytes) !== id) throw new RuntimeError('INTERNAL_ERROR', `blob ${id} is corrupt`);
    return { blob_id: id, media_type: await this.mediaTypeOf(path), data: bytes.toString('base64') };
  }

  private dataPath(digest: string): string {
    return join(this.directory, digest);
  }

  private async mediaTypeOf(path: string): Promise<string> {
    let text: string;
    try {
      text = await readFile(`${path}.meta.json`, 'utf8');
    } catch {
      return DEFAULT_MEDIA_TYPE;
    }
    const parsed = parseJson(text);
    const checked = parsed.ok ? checkContract<{ media_type: string }>(BlobMeta, parsed.value) : undefined;
    return checked?.ok ? checked.value.media_type : DEFAULT_MEDIA_TYPE;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
