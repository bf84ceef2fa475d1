import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createViewImageTool, MAX_IMAGE_BYTES } from '../../src/index.js';
import { tempDir } from '../support/temp-dir.js';
import { callTool, errorOf } from '../support/tool-call.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

void test('returns an inline image block', { timeout: 30_000 }, async (t) => {
  const root = await tempDir(t);
  await writeFile(join(root, 'pic.png'), PNG);
  const outcome = await callTool([createViewImageTool({ projectRoot: root })], 'view_image', {
    path: 'pic.png',
  });
  assert.deepEqual(outcome, {
    content: [{ type: 'image', media_type: 'image/png', source: 'inline', data: PNG.toString('base64') }],
    isError: false,
  });
  const jpeg = join(root, 'photo.JPG');
  await writeFile(jpeg, Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
  const byAbsolutePath = await callTool([createViewImageTool({ projectRoot: root })], 'view_image', {
    path: jpeg,
  });
  assert.equal(
    Array.isArray(byAbsolutePath.content) &&
      byAbsolutePath.content[0]?.type === 'image' &&
      byAbsolutePath.content[0].media_type,
    'image/jpeg',
  );
});

void test('refuses other formats, big files, missing files and escapes', { timeout: 30_000 }, async (t) => {
  const root = await tempDir(t);
  const outside = await tempDir(t);
  const tools = [createViewImageTool({ projectRoot: root })];
  await writeFile(join(root, 'notes.txt'), 'hi');
  await writeFile(join(root, 'huge.png'), '');
  await truncate(join(root, 'huge.png'), MAX_IMAGE_BYTES + 1);
  await writeFile(join(outside, 'secret.png'), PNG);
  await symlink(join(outside, 'secret.png'), join(root, 'escape.png'));

  assert.match(
    errorOf(await callTool(tools, 'view_image', { path: 'notes.txt' })),
    /unsupported image extension '\.txt'/,
  );
  assert.match(
    errorOf(await callTool(tools, 'view_image', { path: 'huge.png' })),
    /exceeds maximum 5242880 bytes/,
  );
  assert.match(
    errorOf(await callTool(tools, 'view_image', { path: 'missing.png' })),
    /cannot read 'missing.png'/,
  );
  assert.match(
    errorOf(await callTool(tools, 'view_image', { path: '../../etc/x.png' })),
    /escapes the project root/,
  );
  assert.match(
    errorOf(await callTool(tools, 'view_image', { path: join(outside, 'secret.png') })),
    /escapes the project root/,
  );
  assert.match(errorOf(await callTool(tools, 'view_image', { path: 'escape.png' })), /symlink detected/);
});
