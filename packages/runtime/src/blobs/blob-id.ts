import { createHash } from 'node:crypto';
import { RuntimeError } from '../errors/runtime-error.js';

const CANONICAL_BLOB_ID = /^sha256:[0-9a-f]{64}$/;

/** The content address of `bytes`: `sha256:<64 lowercase hex>`. */
export function blobIdOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** True when `value` is a canonical blob id, `sha256:<64 lowercase hex>` (00-decisions.md §18). */
export function isCanonicalBlobId(value: unknown): value is string {
  return typeof value === 'string' && CANONICAL_BLOB_ID.test(value);
}

/**
 * Returns the 64-hex digest of a canonical blob id — the only part that ever becomes a file name. Anything
 * else (other schemes, upper case, traversal, encodings, NUL, wrong length, non-strings) throws
 * `RuntimeError('INVALID_PARAMS')` before any file is touched.
 */
export function blobDigestOf(blobId: unknown): string {
  if (!isCanonicalBlobId(blobId)) {
    throw new RuntimeError('INVALID_PARAMS', 'invalid blob_id: expected sha256:<64 lowercase hex>');
  }
  return blobId.slice('sha256:'.length);
}
