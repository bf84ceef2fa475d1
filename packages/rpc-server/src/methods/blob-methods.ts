import type { RpcMethod } from '../transport/index.js';
import type { MethodDeps } from './method-deps.js';
import { parseParams } from './params.js';

const BlobGetParams = {
  type: 'object',
  properties: { blob_id: { type: 'string' } },
  required: ['blob_id'],
} as const;

/**
 * `blob/get` (01 §14): `{blob_id, media_type, data}` (base64). The id must be canonical `sha256:<64 hex>`
 * (checked before any file access, 00-decisions.md §18); a missing blob answers -32602 `blob not found: <id>`.
 */
export function blobMethods({ runtime }: MethodDeps): Record<string, RpcMethod> {
  return {
    'blob/get': {
      async handle(params) {
        const { blob_id: blobId } = parseParams<{ blob_id: string }>(BlobGetParams, params);
        return runtime.blobs.getBlob(blobId);
      },
    },
  };
}
