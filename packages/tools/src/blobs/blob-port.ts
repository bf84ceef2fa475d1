/** A stored blob as the runtime's blob store returns it (`blob/get`, 01 §14). */
export interface StoredBlob {
  /** Canonical id `sha256:<64 hex>`. */
  blob_id: string;
  media_type: string;
  /** The bytes, base64. */
  data: string;
}

/**
 * The blob store the blob tools use. The runtime's realm `BlobStore` (packages/runtime/src/blobs) has
 * exactly this shape, so it can be passed as is.
 */
export interface BlobPort {
  /** Stores `bytes` and returns their canonical id. Storing the same bytes again returns the same id. */
  putBlob(bytes: Uint8Array, mediaType: string): Promise<string>;
  /** Reads a blob. Rejects (message `blob not found: <id>`) when it is not stored. */
  getBlob(blobId: string): Promise<StoredBlob>;
}

const CANONICAL_BLOB_ID = /^sha256:[0-9a-f]{64}$/;

/** Throws `TypeError` unless `blobId` is canonical (`sha256:<64 lowercase hex>`, 00-decisions §18). */
export function assertCanonicalBlobId(blobId: string): void {
  if (!CANONICAL_BLOB_ID.test(blobId)) {
    throw new TypeError(`invalid blob_id '${blobId}': expected sha256:<64 lowercase hex>`);
  }
}

/** The decoded size of a base64 payload, without decoding it. */
export function decodedSize(base64: string): number {
  return Buffer.byteLength(base64, 'base64');
}
