#!/usr/bin/env node
// Compares every workspace package.json with the package table of docs/architecture.md.
// A workspace dependency is allowed when the table's arrows reach it (directly or transitively);
// any package may take `testing` as a devDependency. Fails on a new edge, a cycle, or an unlisted package.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');

const table = new Map();
for (const line of doc.split('\n')) {
  const match = /^\|\s*`([a-z-]+)`(?:,\s*`([a-z-]+)`)?\s*\|[^|]*\|\s*([^|]*)\|\s*$/.exec(line);
  if (!match) continue;
  const deps = match[3].trim() === '—' ? [] : [...match[3].matchAll(/[a-z-]+/g)].map((m) => m[0]);
  for (const name of [match[1], match[2]].filter(Boolean)) table.set(name, deps);
}

function reachable(name, seen = new Set()) {
  for (const dep of table.get(name) ?? []) {
    if (!seen.has(dep)) {
      seen.add(dep);
      reachable(dep, seen);
    }
  }
  return seen;
}

const problems = [];
for (const name of table.keys()) {
  if (reachable(name).has(name)) problems.push(`architecture.md: cycle through \`${name}\``);
}

const packagesDir = join(root, 'packages');
for (const dir of readdirSync(packagesDir)) {
  const manifestPath = join(packagesDir, dir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (!table.has(dir)) {
    problems.push(`packages/${dir}: not in the package table of docs/architecture.md`);
    continue;
  }
  const allowed = reachable(dir);
  const check = (deps, kind) => {
    for (const dep of Object.keys(deps ?? {})) {
      if (!dep.startsWith('@rkat/')) continue;
      const target = dep.slice('@rkat/'.length);
      if (kind === 'devDependencies' && target === 'testing' && dir !== 'testing') continue;
      if (!allowed.has(target))
        problems.push(`packages/${dir}: ${kind} on ${dep} is not an edge of the table`);
    }
  };
  check(manifest.dependencies, 'dependencies');
  check(manifest.devDependencies, 'devDependencies');
}

if (problems.length > 0) {
  console.error(`package graph check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`package graph check: ${table.size} packages in the table, every workspace edge allowed`);
