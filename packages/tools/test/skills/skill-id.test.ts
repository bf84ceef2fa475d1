import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertResourcePath,
  assertSkillName,
  InvalidSkillIdError,
  parseSkillId,
} from '../../src/skills/skill-id.js';

void test(
  'R35 path-traversal-ids: skill names and ids refuse ../, absolute paths, NUL and over-long',
  { timeout: 90_000 },
  () => {
    for (const name of [
      '..',
      '../x',
      '/etc/passwd',
      'a\u0000b',
      'a/b',
      'a\\b',
      '-a',
      'a-',
      'a--b',
      'A',
      '',
      'x'.repeat(65),
    ]) {
      assert.throws(() => assertSkillName(name), InvalidSkillIdError, JSON.stringify(name));
    }
    assertSkillName('x'.repeat(64));
    assertSkillName('a1-b2');
    for (const id of [
      '../../canary',
      'src/../canary',
      '/abs/path',
      '..//x',
      'a\u0000/b',
      `${'u'.repeat(200)}/x`,
    ]) {
      assert.throws(() => parseSkillId(id), InvalidSkillIdError, JSON.stringify(id));
    }
    assert.deepEqual(parseSkillId('task-workflow'), { skill_name: 'task-workflow' });
    assert.deepEqual(parseSkillId('00000000-0000-4b11-8111-000000000002/x'), {
      source_uuid: '00000000-0000-4b11-8111-000000000002',
      skill_name: 'x',
    });
  },
);

void test(
  'R35 path-traversal-ids: resource paths stay relative and inside the skill',
  { timeout: 90_000 },
  () => {
    for (const path of [
      '../x',
      'a/../../x',
      '/etc/passwd',
      'C:/x',
      'a\\b',
      'a\u0000',
      'a//b',
      './a',
      '',
      'p'.repeat(513),
    ]) {
      assert.throws(() => assertResourcePath(path), InvalidSkillIdError, JSON.stringify(path));
    }
    assertResourcePath('templates/notes.md');
  },
);
