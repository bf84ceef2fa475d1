import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrontMatterError, parseSkillFile } from '../../src/skills/front-matter.js';
import { buildSkillDocument } from '../../src/skills/skill-document.js';
import { EmbeddedSkillSource } from '../../src/skills/embedded-source.js';
import { EMBEDDED_SKILL_FILES } from '../../src/skills/embedded/index.js';
import { InvalidSkillIdError } from '../../src/skills/skill-id.js';

const source = {
  source_uuid: 'src',
  display_name: 'test',
  transport_kind: 'filesystem' as const,
  fingerprint: 'f',
  status: 'active' as const,
};

void test(
  'front matter: scalars, quotes, flow and block lists, block scalars, nested maps',
  { timeout: 90_000 },
  () => {
    const file = parseSkillFile(
      [
        '---',
        'name: my-skill   # trailing comment',
        "title: 'it''s'",
        'quoted: "a \\"b\\"\\n"',
        'flow: [a, "b, c", \'d\']',
        'block:',
        '  - x',
        '  - "y"',
        'folded: >',
        '  one',
        '  two',
        'metadata:',
        '  owner: me',
        '---',
        '',
        '# Body',
        'text',
        '',
      ].join('\n'),
    );
    assert.equal(file.fields.get('name'), 'my-skill');
    assert.equal(file.fields.get('title'), "it's");
    assert.equal(file.fields.get('quoted'), 'a "b"\n');
    assert.deepEqual(file.fields.get('flow'), ['a', 'b, c', 'd']);
    assert.deepEqual(file.fields.get('block'), ['x', 'y']);
    assert.equal(file.fields.get('folded'), 'one two');
    assert.deepEqual(file.fields.get('metadata'), { nested: true });
    assert.equal(file.body, '# Body\ntext');
  },
);

void test('front matter: malformed input is refused with its line', { timeout: 90_000 }, () => {
  const cases: [string, RegExp][] = [
    ['no front matter', /must start with/],
    ['---\nname: x\n', /not closed/],
    ['---\nname: x\nname: y\n---\n', /line 3: duplicate key 'name'/],
    ['---\njust text\n---\n', /line 2: expected `key: value`/],
    ['---\nname: "open\n---\n', /unterminated double-quoted/],
    ['---\nlist: [a, b\n---\n', /unterminated list/],
    ['---\nname: &anchor x\n---\n', /unsupported value/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseSkillFile(text),
      (error: unknown) => error instanceof FrontMatterError && message.test(error.message),
      text,
    );
  }
});

void test(
  'SKILL.md validation: name equals the directory, description required, capabilities are ids',
  { timeout: 90_000 },
  () => {
    const build = (text: string, expectedName = 'my-skill') =>
      buildSkillDocument({ expectedName, text, scope: 'project', source });
    const ok = build(
      '---\nname: my-skill\ndescription: Does things.\nrequires_capabilities: [shell, builtins]\n---\nBody',
    );
    assert.deepEqual(
      [ok.key, ok.description, ok.requiresCapabilities, ok.body],
      [{ source_uuid: 'src', skill_name: 'my-skill' }, 'Does things.', ['shell', 'builtins'], 'Body'],
    );
    assert.throws(() => build('---\nname: other\ndescription: d\n---\n'), InvalidSkillIdError);
    assert.throws(() => build('---\nname: My_Skill\ndescription: d\n---\n', 'My_Skill'), InvalidSkillIdError);
    assert.throws(() => build('---\nname: my-skill\n---\n'), /'description' must be a non-empty string/);
    assert.throws(
      () => build('---\nname: my-skill\ndescription: d\nrequires_capabilities: [Shell!]\n---\n'),
      /invalid capability id/,
    );
    assert.throws(
      () => build(`---\nname: my-skill\ndescription: ${'d'.repeat(1025)}\n---\n`),
      /longer than 1024/,
    );
  },
);

void test('the eight embedded skills parse and carry real instructions', { timeout: 90_000 }, async () => {
  const scan = await new EmbeddedSkillSource().scan();
  assert.deepEqual(
    scan.skills.map((skill) => skill.key.skill_name),
    [
      'task-workflow',
      'shell-patterns',
      'hook-authoring',
      'mcp-server-setup',
      'memory-retrieval',
      'session-management',
      'multi-agent-comms',
      'mob-communication',
    ],
  );
  for (const skill of scan.skills) {
    assert.equal(skill.scope, 'builtin');
    assert.ok(skill.body.length > 800, `${skill.key.skill_name} has a substantial body`);
    assert.ok(skill.body.startsWith('# '), skill.key.skill_name);
  }
  assert.equal(Object.keys(EMBEDDED_SKILL_FILES).length, 8);
});
