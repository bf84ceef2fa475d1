import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createBlobInspectTool,
  createBlobLoadFileTool,
  createBlobSaveFileTool,
  MAX_LOAD_FILE_BYTES,
} from '../../src/index.js';
import { MemoryBlobs } from '../support/memory-blobs.js';
import { tempDir } from '../support/temp-dir.js';
import { callTool, errorOf, jsonOf } from '../support/tool-call.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

async function setup(t: Parameters<typeof tempDir>[0]) {
  const root = await tempDir(t);
  const blobs = new MemoryBlobs();
  const options = { projectRoot: root, blobs };
  const tools = [
    createBlobSaveFileTool(options),
    createBlobLoadFileTool(options),
    createBlobInspectTool(options),
  ];
  const blobId = await blobs.putBlob(PNG, 'image/png');
  return { root, blobs, tools, blobId };
}

void test('load, inspect and save round-trip bytes', { timeout: 30_000 }, async (t) => {
  const { root, tools, blobs } = await setup(t);
  await writeFile(join(root, 'source.png'), PNG);
  const loaded = jsonOf(await callTool(tools, 'blob_load_file', { path: 'source.png' }));
  assert.equal(loaded.media_type, 'image/png');
  assert.equal(loaded.bytes_read, PNG.length);
  assert.match(String(loaded.blob_id), /^sha256:[0-9a-f]{64}$/);
  assert.ok(blobs.blobs.has(String(loaded.blob_id)));

  const inspected = jsonOf(await callTool(tools, 'blob_inspect', { blob_id: loaded.blob_id }));
  assert.deepEqual(inspected, { blob_id: loaded.blob_id, media_type: 'image/png', size_bytes: PNG.length });

  const saved = jsonOf(
    await callTool(tools, 'blob_save_file', { blob_id: loaded.blob_id, path: 'out/copy.png' }),
  );
  assert.deepEqual(saved, {
    blob_id: loaded.blob_id,
    media_type: 'image/png',
    path: 'out/copy.png',
    bytes_written: PNG.length,
  });
  assert.deepEqual(await readFile(join(root, 'out/copy.png')), PNG);
});

void test('save refuses to overwrite unless asked', { timeout: 30_000 }, async (t) => {
  const { root, tools, blobId } = await setup(t);
  await writeFile(join(root, 'out.png'), 'old');
  assert.match(
    errorOf(await callTool(tools, 'blob_save_file', { blob_id: blobId, path: 'out.png' })),
    /already exists; set overwrite=true/,
  );
  assert.equal(await readFile(join(root, 'out.png'), 'utf8'), 'old');
  jsonOf(await callTool(tools, 'blob_save_file', { blob_id: blobId, path: 'out.png', overwrite: true }));
  assert.deepEqual(await readFile(join(root, 'out.png')), PNG);
});

void test('blob ids must be canonical and stored', { timeout: 30_000 }, async (t) => {
  const { tools } = await setup(t);
  assert.match(
    errorOf(await callTool(tools, 'blob_inspect', { blob_id: 'sha256:../../etc/passwd' })),
    /invalid blob_id/,
  );
  const missing = `sha256:${'0'.repeat(64)}`;
  assert.match(errorOf(await callTool(tools, 'blob_inspect', { blob_id: missing })), /blob not found/);
  assert.match(
    errorOf(await callTool(tools, 'blob_save_file', { blob_id: missing, path: 'x.png' })),
    /blob not found/,
  );
});

void test('load infers the media type or asks for it, and caps the size', { timeout: 30_000 }, async (t) => {
  const { root, tools } = await setup(t);
  await writeFile(join(root, 'data.bin'), 'abc');
  assert.match(
    errorOf(await callTool(tools, 'blob_load_file', { path: 'data.bin' })),
    /cannot infer media type from extension '\.bin'; provide media_type/,
  );
  const loaded = jsonOf(
    await callTool(tools, 'blob_load_file', { path: 'data.bin', media_type: 'application/custom' }),
  );
  assert.equal(loaded.media_type, 'application/custom');
  await writeFile(join(root, 'large.bin'), '');
  await truncate(join(root, 'large.bin'), MAX_LOAD_FILE_BYTES + 1);
  assert.match(
    errorOf(
      await callTool(tools, 'blob_load_file', { path: 'large.bin', media_type: 'application/octet-stream' }),
    ),
    /exceeds maximum 26214400 bytes/,
  );
});

void test('paths stay inside the project root', { timeout: 30_000 }, async (t) => {
  const { root, tools, blobId } = await setup(t);
  const outside = await tempDir(t);
  await writeFile(join(outside, 'secret.png'), PNG);
  await symlink(outside, join(root, 'link'));
  await mkdir(join(root, 'sub'));

  assert.match(
    errorOf(await callTool(tools, 'blob_save_file', { blob_id: blobId, path: '../escape.png' })),
    /escapes the project root/,
  );
  assert.match(
    errorOf(await callTool(tools, 'blob_save_file', { blob_id: blobId, path: join(outside, 'abs.png') })),
    /escapes the project root/,
  );
  assert.match(
    errorOf(await callTool(tools, 'blob_save_file', { blob_id: blobId, path: 'link/deeper/out.png' })),
    /symlink detected/,
  );
  assert.match(
    errorOf(await callTool(tools, 'blob_load_file', { path: 'link/secret.png' })),
    /symlink detected/,
  );
  assert.match(
    errorOf(await callTool(tools, 'blob_load_file', { path: '../x.png' })),
    /escapes the project root/,
  );
  assert.equal(
    await stat(join(outside, 'deeper')).then(
      () => true,
      () => false,
    ),
    false,
  );
  assert.equal(
    await stat(join(outside, 'abs.png')).then(
      () => true,
      () => false,
    ),
    false,
  );
});
