import { createHash } from 'node:crypto';
import type { BlobPort, StoredBlob } from '../../src/index.js';

/** A blob store in memory with the runtime store's behaviour (content addressing, not-found message). */
export class MemoryBlobs implements BlobPort {
  readonly blobs = new Map<string, StoredBlob>();

  putBlob(bytes: Uint8Array, mediaType: string): Promise<string> {
    const blobId = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (!this.blobs.has(blobId)) {
      this.blobs.set(blobId, {
        blob_id: blobId,
        media_type: mediaType,
        data: Buffer.from(bytes).toString('base64'),
      });
    }
    return Promise.resolve(blobId);
  }

  getBlob(blobId: string): Promise<StoredBlob> {
    const blob = this.blobs.get(blobId);
    return blob === undefined
      ? Promise.reject(new Error(`blob not found: ${blobId}`))
      : Promise.resolve(blob);
  }
}
