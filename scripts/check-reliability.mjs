#!/usr/bin/env node
// Checks that every row of the reliability catalog (shared/design/reliability.md) that the project has
// taken on has at least one test, and prints which tests cover which row.
// A test covers row n when its name starts with `R<n> <row-name>` (e.g. `R12 malformed-frame: …`).
// Usage: node scripts/check-reliability.mjs [--table]   (--table prints a markdown table of the coverage)
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The catalog's rows: number → name, exactly as reliability.md spells them. */
const CATALOG = new Map([
  [1, 'crash-mid-stream-resume'],
  [2, 'crash-mid-tool'],
  [3, 'crash-at-boundary'],
  [4, 'torn-append'],
  [5, 'restart-is-a-new-process'],
  [6, 'graceful-stop'],
  [7, 'concurrent-turns-one-session'],
  [8, 'failed-turn-releases'],
  [9, 'interrupt-races'],
  [10, 'sessions-under-load'],
  [11, 'config-stale-generation'],
  [12, 'malformed-frame'],
  [13, 'invalid-request'],
  [14, 'unknown-method'],
  [15, 'invalid-params'],
  [16, 'oversized-frame'],
  [17, 'slow-reader'],
  [18, 'pipelined-requests'],
  [19, 'provider-429-retry-after'],
  [20, 'provider-overloaded-and-5xx'],
  [21, 'provider-non-retryable'],
  [22, 'stream-cut'],
  [23, 'stream-stall'],
  [24, 'provider-wire-quirks'],
  [25, 'tool-throws'],
  [26, 'tool-hangs'],
  [27, 'tool-bad-args-and-huge-output'],
  [28, 'mcp-server-fails'],
  [29, 'disk-full'],
  [30, 'corrupt-row-isolation'],
  [31, 'schema-version-gate'],
  [32, 'schedule-misfire-while-down'],
  [33, 'schedule-long-delivery'],
  [34, 'peer-delivery'],
  [35, 'path-traversal-ids'],
  [36, 'shell-sandbox-escape'],
  [37, 'secrets-never-persisted'],
  [38, 'hostile-persisted-payload'],
  [39, 'credential-scoping'],
  [40, 'health-tells-truth'],
]);

/**
 * The rows this project has taken on so far (issue 6: 1–27, 29–31, 35, 37, 38). Rows 28 and 36 come with
 * the tools issue, 32–34 with schedules and peers, 39 with credential scoping, 40 with health.
 */
const REQUIRED = [...range(1, 27), 29, 30, 31, 35, 37, 38];

function range(from, to) {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

const root = new URL('..', import.meta.url).pathname;

function sourceTests(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) sourceTests(path, out);
    else if (entry.endsWith('.ts')) out.push(path);
  }
  return out;
}

const files = readdirSync(join(root, 'packages')).flatMap((name) =>
  sourceTests(join(root, 'packages', name, 'test')),
);

const coverage = new Map();
const problems = [];
const tagPattern = /\btest\(\s*(['"`])R(\d+) ([a-z0-9-]+)(.*?)\1/gs;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(tagPattern)) {
    const row = Number(match[2]);
    const name = match[3];
    const where = relative(root, file);
    if (CATALOG.get(row) !== name) {
      problems.push(
        `${where}: "R${row} ${name}" does not name a catalog row (row ${row} is "${CATALOG.get(row)}")`,
      );
      continue;
    }
    const tests = coverage.get(row) ?? [];
    tests.push({ file: where, title: `R${row} ${name}${match[4]}` });
    coverage.set(row, tests);
  }
}

for (const row of REQUIRED) {
  if (!coverage.has(row))
    problems.push(`row ${row} (${CATALOG.get(row)}) has no test tagged "R${row} ${CATALOG.get(row)}"`);
}

if (process.argv.includes('--table')) {
  console.log('| # | Row | Tests |\n| --- | --- | --- |');
  for (const [row, name] of CATALOG) {
    const tests = coverage.get(row) ?? [];
    const cell =
      tests.length === 0 ? '—' : tests.map((test) => `\`${test.file}\`: ${test.title}`).join('<br>');
    console.log(`| ${row} | ${name} | ${cell} |`);
  }
}

if (problems.length > 0) {
  console.error(`reliability catalog: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
const covered = [...coverage.keys()].length;
console.log(`reliability catalog: ${covered} rows covered, every required row has a test`);
