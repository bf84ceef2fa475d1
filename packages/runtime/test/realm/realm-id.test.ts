import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RuntimeError,
  deriveWorkspaceRealmId,
  fnv1a64Hex,
  generateRealmId,
  isValidRealmId,
  validateRealmId,
} from '../../src/index.js';

void test('realm ids follow 01 §1', () => {
  for (const valid of ['team', 'team-alpha_1', 'A', '9lives', 'x'.repeat(64)]) {
    assert.equal(isValidRealmId(valid), true, valid);
  }
  for (const invalid of ['', '-team', '_team', 'bad:name', 'has space', 'x'.repeat(65), 'caf\u00e9']) {
    assert.equal(isValidRealmId(invalid), false, invalid);
  }
  assert.equal(isValidRealmId('550e8400-e29b-41d4-a716-446655440000'), false);
  assert.throws(
    () => validateRealmId('bad:name'),
    (error: unknown) => RuntimeError.is(error, 'INVALID_REALM'),
  );
});

void test('generated realm ids are valid and distinct', () => {
  const first = generateRealmId();
  assert.match(first, /^realm-[0-9a-f-]{36}$/);
  assert.equal(isValidRealmId(first), true);
  assert.notEqual(first, generateRealmId());
});

void test('fnv1a64 matches the reference vectors', () => {
  assert.equal(fnv1a64Hex(''), 'cbf29ce484222325');
  assert.equal(fnv1a64Hex('a'), 'af63dc4c8601ec8c');
  assert.equal(fnv1a64Hex('foobar'), '85944171f73967e8');
});

void test('the workspace realm is stable per canonical directory', async () => {
  const root = await mkdtemp(join(tmpdir(), 'rkat-realm-id-'));
  try {
    const link = join(root, 'link');
    await symlink(root, link);
    const id = deriveWorkspaceRealmId(root);
    assert.match(id, /^ws-[0-9a-f]{16}$/);
    assert.equal(isValidRealmId(id), true);
    assert.equal(deriveWorkspaceRealmId(root), id);
    assert.equal(deriveWorkspaceRealmId(link), id, 'a symlink resolves to the same realm');
    assert.notEqual(deriveWorkspaceRealmId(join(root, 'missing')), id);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
