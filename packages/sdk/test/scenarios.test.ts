// Drift check: every shared scenario (scenarios.md) that applies to TypeScript has a TS test whose name starts
// with its id, and no TS test name uses an unknown id. Rows whose coverage cell starts with `python-only` are
// exempt. The Python side is python/tests/test_scenarios.py.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';

const testDir = new URL('../../test/', import.meta.url);
const self = 'scenarios.test.ts';

interface Scenario {
  readonly id: string;
  readonly coverage: string;
}

export function parseScenarios(markdown: string): Map<string, Scenario> {
  const rows = new Map<string, Scenario>();
  for (const line of markdown.split('\n')) {
    const match = /^\|\s*(S\d+)\s*\|/.exec(line);
    if (!match?.[1]) continue;
    const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
    assert.ok(!rows.has(match[1]), `duplicate scenario id ${match[1]}`);
    rows.set(match[1], { id: match[1], coverage: (cells.at(-1) ?? '').trim() });
  }
  return rows;
}

/** The names of the `test(...)` calls in a source file (string literals only). */
export function testNames(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/\btest\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
    names.push(match[2] ?? '');
  }
  return names;
}

export function drift(scenarios: Map<string, Scenario>, names: readonly string[]): string[] {
  const problems: string[] = [];
  const covered = new Set<string>();
  for (const name of names) {
    const id = /^(S\d+)\b/.exec(name)?.[1];
    if (id === undefined) continue;
    if (!scenarios.has(id)) problems.push(`TS test ${JSON.stringify(name)} names unknown scenario ${id}`);
    covered.add(id);
  }
  for (const [id, scenario] of scenarios) {
    const pythonOnly = scenario.coverage.startsWith('python-only');
    if (pythonOnly && covered.has(id)) problems.push(`${id} is python-only but has a TS test`);
    if (!pythonOnly && !covered.has(id)) problems.push(`${id} has no TS test whose name starts with ${id}`);
  }
  return problems;
}

void test('scenario list: every non-python-only scenario has a TS test, and no TS test uses an unknown id', async () => {
  const scenarios = parseScenarios(await readFile(new URL('scenarios.md', testDir), 'utf8'));
  assert.ok(scenarios.size >= 40);
  for (const scenario of scenarios.values())
    assert.ok(scenario.coverage, `${scenario.id} needs a coverage cell`);
  const files = (await readdir(testDir)).filter((file) => file.endsWith('.test.ts') && file !== self);
  assert.ok(files.length > 0);
  const names: string[] = [];
  for (const file of files) names.push(...testNames(await readFile(new URL(file, testDir), 'utf8')));
  assert.deepEqual(drift(scenarios, names), []);
});

void test('scenario list: the check catches drift', () => {
  const scenarios = parseScenarios(
    '| S01 | a | b | f | both |\n| S02 | a | b | f | python-only: x |\n| S03 | a | b | f | ts-only: y |\n',
  );
  const names = testNames("void test(\n  'S01 one',\n  {},\n);\nvoid test(`S03 three`, () => {});");
  assert.deepEqual(names, ['S01 one', 'S03 three']);
  assert.deepEqual(drift(scenarios, names), []);
  assert.deepEqual(drift(scenarios, ['S01 one']), ['S03 has no TS test whose name starts with S03']);
  assert.deepEqual(drift(scenarios, [...names, 'S09 nine']), [
    'TS test "S09 nine" names unknown scenario S09',
  ]);
  assert.deepEqual(drift(scenarios, [...names, 'S02 two']), ['S02 is python-only but has a TS test']);
});
