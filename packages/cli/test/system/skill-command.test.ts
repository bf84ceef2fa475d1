import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runRkat } from './rkat-process.js';

// `rkat skill add|list|get|remove` on the project and user `.rkat/skills` folders.
let home: string;

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'rkat-cli-skill-'));
});

after(async () => {
  await rm(home, { recursive: true, force: true });
});

const env = (): Record<string, string> => ({ HOME: home, XDG_DATA_HOME: join(home, 'data') });

void test('rkat skill add, list, get and remove a project skill', { timeout: 90_000 }, async () => {
  const cwd = await mkdtemp(join(home, 'project-'));
  const rkat = (args: string[]) => runRkat(['skill', ...args], { env: env(), cwd });
  const source = join(home, 'src', 'deploy-check');
  await mkdir(join(source, 'refs'), { recursive: true });
  await writeFile(
    join(source, 'SKILL.md'),
    '---\nname: deploy-check\ndescription: Check a deploy before it ships.\n---\n# Deploy check\nRun the smoke tests.\n',
  );
  await writeFile(join(source, 'refs', 'list.md'), 'steps');

  const added = await rkat(['add', source]);
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /added skill 00000000-0000-4b11-8111-000000000002\/deploy-check/);
  assert.equal(
    await readFile(join(cwd, '.rkat', 'skills', 'deploy-check', 'refs', 'list.md'), 'utf8'),
    'steps',
  );

  // Independent reads run side by side: each rkat process takes a few seconds to start.
  const [listed, shown, missing, duplicate] = await Promise.all([
    rkat(['list', '--json']),
    rkat(['get', 'deploy-check']),
    rkat(['get', 'no-such-skill']),
    rkat(['add', source]),
  ]);
  assert.equal(duplicate.code, 1, 'no silent overwrite');
  assert.equal(listed.code, 0, listed.stderr);
  const skills = (JSON.parse(listed.stdout) as { skills: { key: { skill_name: string }; scope: string }[] })
    .skills;
  assert.deepEqual(
    skills.filter((entry) => entry.key.skill_name === 'deploy-check').map((entry) => entry.scope),
    ['project'],
  );
  assert.ok(skills.some((entry) => entry.key.skill_name === 'mob-communication'));
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(
    shown.stdout,
    /description: Check a deploy before it ships\.\n\n# Deploy check\nRun the smoke tests\./,
  );
  assert.deepEqual([missing.code, missing.stderr.trim()], [1, 'error: skill not found: no-such-skill']);

  const removed = await rkat(['remove', 'deploy-check']);
  assert.equal(removed.code, 0, removed.stderr);
  await assert.rejects(stat(join(cwd, '.rkat', 'skills', 'deploy-check')));
  assert.equal((await rkat(['remove', 'deploy-check'])).code, 1);
});

void test(
  'R35 path-traversal-ids: rkat skill refuses traversal names and invalid SKILL.md',
  { timeout: 90_000 },
  async () => {
    const cwd = await mkdtemp(join(home, 'project-'));
    const rkat = (args: string[]) => runRkat(['skill', ...args], { env: env(), cwd });
    const victim = join(cwd, 'victim');
    await mkdir(victim);
    await writeFile(join(victim, 'SKILL.md'), 'keep');
    const outcomes = await Promise.all(['../victim', '/etc', 'a/b'].map((name) => rkat(['remove', name])));
    for (const outcome of outcomes) {
      assert.equal(outcome.code, 1);
      assert.match(outcome.stderr, /invalid skill name/);
    }
    assert.equal(await readFile(join(victim, 'SKILL.md'), 'utf8'), 'keep');
    const bad = join(home, 'src', 'bad-skill');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'SKILL.md'), '---\nname: other-name\ndescription: x\n---\n');
    const refused = await rkat(['add', bad]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /does not match its directory/);
    const user = await rkat([
      'add',
      join(bad, '..', '..', 'src', 'bad-skill', 'SKILL.md'),
      '--scope',
      'user',
    ]);
    assert.equal(user.code, 0, user.stderr);
    assert.ok((await stat(join(home, '.rkat', 'skills', 'other-name', 'SKILL.md'))).isFile());
  },
);
