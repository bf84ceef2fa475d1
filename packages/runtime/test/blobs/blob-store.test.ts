import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BlobNotFoundError,
  BlobStore,
  RuntimeError,
  isCanonicalBlobId,
  rpcErrorCodeOf,
} from '../../src/index.js';

async function withStore(body: (store: BlobStore, root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'rkat-blobs-'));
  try {
    await body(new BlobStore(join(root, 'blobs')), root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const HEX = 'a'.repeat(64);

void test('put and get a blob by its content address', { timeout: 10_000 }, async () => {
  await withStore(async (store) => {
    const bytes = Buffer.from('hello blob');
    const blobId = await store.putBlob(bytes, 'text/plain; charset=utf-8');
    assert.equal(blobId, `sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    assert.equal(await store.putBlob(bytes, 'image/png'), blobId, 'the same bytes, the same id');
    assert.deepEqual(await store.getBlob(blobId), {
      blob_id: blobId,
      media_type: 'text/plain; charset=utf-8',
      data: bytes.toString('base64'),
    });
    const files = await readdir(store.directory);
    assert.deepEqual(files.sort(), [blobId.slice(7), `${blobId.slice(7)}.meta.json`], 'no temp files');
    await assert.rejects(store.putBlob(bytes, 'not a media type'), (error: unknown) =>
      RuntimeError.is(error, 'INVALID_PARAMS'),
    );
  });
});

void test('a missing blob is -32602 blob not found: <id>', { timeout: 10_000 }, async () => {
  await withStore(async (store) => {
    const id = `sha256:${HEX}`;
    await assert.rejects(
      store.getBlob(id),
      (error: unknown) =>
        error instanceof BlobNotFoundError &&
        rpcErrorCodeOf(error) === 'INVALID_PARAMS' &&
        error.message === `blob not found: ${id}`,
    );
  });
});

void test('hostile ids are rejected before any file access', { timeout: 10_000 }, async () => {
  await withStore(async (store, root) => {
    await writeFile(join(root, 'secret'), 'do not serve');
    const hostile: unknown[] = [
      '../secret',
      'sha256:../secret',
      `sha256:../${HEX.slice(3)}`,
      `/etc/passwd`,
      `sha256:/${HEX.slice(1)}`,
      `sha256:${HEX}\u0000`,
      `sha256:${HEX.slice(1)}\u0000`,
      `sha256:%2e%2e%2f${HEX.slice(9)}`,
      `sha256:${HEX.toUpperCase()}`,
      `SHA256:${HEX}`,
      `sha256:${HEX}0`,
      `sha256:${HEX.slice(1)}`,
      `sha256:${'g'.repeat(64)}`,
      `sha256:${'a'.repeat(10_000)}`,
      ` sha256:${HEX}`,
      `sha256:${HEX}\n`,
      `md5:${HEX}`,
      HEX,
      'sha256:',
      '',
      42,
      null,
      undefined,
      { blob_id: `sha256:${HEX}` },
    ];
    for (const blobId of hostile) {
      assert.equal(isCanonicalBlobId(blobId), false, JSON.stringify(blobId));
      await assert.rejects(
        store.getBlob(blobId),
        (error: unknown) =>
          RuntimeError.is(error, 'INVALID_PARAMS') &&
          !(error instanceof BlobNotFoundError) &&
          /invalid blob_id/.test(error.message),
        JSON.stringify(blobId),
      );
    }
  });
});

void test(
  'stored bytes that no longer match their id are reported, not served',
  { timeout: 10_000 },
  async () => {
    await withStore(async (store) => {
      const blobId = await store.putBlob(Buffer.from('original'), 'application/octet-stream');
      await writeFile(join(store.directory, blobId.slice(7)), 'tampered');
      await assert.rejects(store.getBlob(blobId), (error: unknown) =>
        RuntimeError.is(error, 'INTERNAL_ERROR'),
      );
    });
  },
);
