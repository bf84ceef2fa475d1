import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyPatch, createApplyPatchTool, parsePatch } from '../../src/index.js';
import { tempDir } from '../support/temp-dir.js';
import { callTool, errorOf, jsonOf } from '../support/tool-call.js';

const wrap = (body: string): string => `*** Begin Patch\n${body}\n*** End Patch`;
const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

void test('parses several hunks', { timeout: 30_000 }, () => {
  const hunks = parsePatch(
    wrap('*** Add File: foo.txt\n+hello\n*** Delete File: bar.txt\n*** Update File: baz.txt\n@@\n-old\n+new'),
  );
  assert.deepEqual(
    hunks.map((hunk) => hunk.kind),
    ['add', 'delete', 'update'],
  );
});

void test('grammar errors name what is expected', { timeout: 30_000 }, () => {
  assert.throws(
    () => parsePatch('*** Add File: x\n+y'),
    /first line of the patch must be '\*\*\* Begin Patch'/,
  );
  assert.throws(
    () => parsePatch('*** Begin Patch\n*** Add File: x\n+y'),
    /last line of the patch must be '\*\*\* End Patch'/,
  );
  assert.throws(
    () => parsePatch(wrap('*** Frobnicate: x')),
    /invalid hunk at line 2, '\*\*\* Frobnicate: x' is not a valid hunk header/,
  );
  assert.throws(() => parsePatch(wrap('*** Update File: x')), /Update file hunk for path 'x' is empty/);
});

void test('adds, updates with a move, and deletes', { timeout: 30_000 }, async (t) => {
  const root = await tempDir(t);
  await writeFile(join(root, 'source.txt'), 'a\nb\n');
  await writeFile(join(root, 'delete.txt'), 'gone\n');
  const result = await applyPatch(
    root,
    wrap(
      '*** Add File: nested/new.txt\n+hello\n+world\n*** Update File: source.txt\n*** Move to: moved.txt\n@@\n a\n-b\n+c\n*** Delete File: delete.txt',
    ),
  );
  assert.deepEqual(result, {
    status: 'success',
    added_files: ['nested/new.txt'],
    modified_files: ['moved.txt'],
    deleted_files: ['delete.txt'],
  });
  assert.equal(await readFile(join(root, 'nested/new.txt'), 'utf8'), 'hello\nworld\n');
  assert.equal(await readFile(join(root, 'moved.txt'), 'utf8'), 'a\nc\n');
  assert.equal(await exists(join(root, 'source.txt')), false);
  assert.equal(await exists(join(root, 'delete.txt')), false);
});

void test('End of File anchors the chunk and drops the trailing newline', { timeout: 30_000 }, async (t) => {
  const root = await tempDir(t);
  await writeFile(join(root, 'tail.txt'), 'alpha\nbeta\n');
  await applyPatch(root, wrap('*** Update File: tail.txt\n@@\n alpha\n-beta\n+gamma\n*** End of File'));
  assert.equal(await readFile(join(root, 'tail.txt'), 'utf8'), 'alpha\ngamma');
});

void test('an addition-only chunk inserts after its context line', { timeout: 30_000 }, async (t) => {
  const root = await tempDir(t);
  await writeFile(join(root, 'imports.py'), 'import a\nimport z\n');
  await applyPatch(root, wrap('*** Update File: imports.py\n@@ import a\n+import m'));
  assert.equal(await readFile(join(root, 'imports.py'), 'utf8'), 'import a\nimport m\nimport z\n');
});

void test(
  'matches lines that differ only in trailing whitespace or typographic punctuation',
  { timeout: 30_000 },
  async (t) => {
    const root = await tempDir(t);
    await writeFile(join(root, 'doc.txt'), 'say \u201chi\u201d   \nend\n');
    await applyPatch(root, wrap('*** Update File: doc.txt\n@@\n-say "hi"\n+say "bye"'));
    assert.equal(await readFile(join(root, 'doc.txt'), 'utf8'), 'say "bye"\nend\n');
  },
);

void test(
  'a chunk that does not match fails with the expected lines and changes nothing',
  { timeout: 30_000 },
  async (t) => {
    const root = await tempDir(t);
    await writeFile(join(root, 'a.txt'), 'one\n');
    await assert.rejects(
      applyPatch(root, wrap('*** Add File: b.txt\n+new\n*** Update File: a.txt\n@@\n-missing\n+x')),
      /Failed to find expected lines in a.txt:\nmissing/,
    );
    assert.equal(await exists(join(root, 'b.txt')), false, 'the earlier hunk must not be applied');
    assert.equal(await readFile(join(root, 'a.txt'), 'utf8'), 'one\n');
  },
);

void test('a later hunk can build on an earlier one in the same patch', { timeout: 30_000 }, async (t) => {
  const root = await tempDir(t);
  await applyPatch(root, wrap('*** Add File: x.txt\n+one\n*** Update File: x.txt\n@@\n-one\n+two'));
  assert.equal(await readFile(join(root, 'x.txt'), 'utf8'), 'two\n');
});

void test('refuses to add over an existing file', { timeout: 30_000 }, async (t) => {
  const root = await tempDir(t);
  await writeFile(join(root, 'x.txt'), 'keep\n');
  await assert.rejects(applyPatch(root, wrap('*** Add File: x.txt\n+other')), /already exists/);
  assert.equal(await readFile(join(root, 'x.txt'), 'utf8'), 'keep\n');
});

void test(
  'refuses paths with .., absolute paths and symlinks that lead outside',
  { timeout: 30_000 },
  async (t) => {
    const root = await tempDir(t);
    const outside = await tempDir(t);
    await writeFile(join(outside, 'secret.txt'), 'secret\n');
    await symlink(outside, join(root, 'link'));
    await symlink(join(outside, 'secret.txt'), join(root, 'evil.txt'));
    await mkdir(join(root, 'sub'));

    await assert.rejects(
      applyPatch(root, wrap('*** Add File: ../escape.txt\n+bad')),
      /must not contain '\.\.'/,
    );
    await assert.rejects(
      applyPatch(root, wrap('*** Add File: sub/../../escape.txt\n+bad')),
      /must not contain '\.\.'/,
    );
    await assert.rejects(
      applyPatch(root, wrap(`*** Add File: ${join(outside, 'abs.txt')}\n+bad`)),
      /must be relative to the project root/,
    );
    await assert.rejects(
      applyPatch(root, wrap('*** Add File: link/dropped.txt\n+bad')),
      /escapes the project root \(symlink detected\)/,
    );
    await assert.rejects(
      applyPatch(root, wrap('*** Update File: evil.txt\n@@\n-secret\n+pwned')),
      /symlink detected/,
    );
    await assert.rejects(applyPatch(root, wrap('*** Delete File: evil.txt')), /symlink detected/);
    await assert.rejects(
      applyPatch(root, wrap('*** Update File: sub/../x\n@@\n-a\n+b')),
      /must not contain '\.\.'/,
    );

    assert.equal(await exists(join(outside, 'dropped.txt')), false);
    assert.equal(await exists(join(outside, 'abs.txt')), false);
    assert.equal(await readFile(join(outside, 'secret.txt'), 'utf8'), 'secret\n');
  },
);

void test('the tool answers JSON and turns failures into error outcomes', { timeout: 30_000 }, async (t) => {
  const root = await tempDir(t);
  const tools = [createApplyPatchTool({ projectRoot: root })];
  const ok = jsonOf(await callTool(tools, 'apply_patch', { patch: wrap('*** Add File: hi.txt\n+hi') }));
  assert.deepEqual(ok, { status: 'success', added_files: ['hi.txt'], modified_files: [], deleted_files: [] });
  assert.match(errorOf(await callTool(tools, 'apply_patch', { patch: 'nonsense' })), /Begin Patch/);
  assert.match(errorOf(await callTool(tools, 'apply_patch', {})), /invalid arguments.*patch/);
});
