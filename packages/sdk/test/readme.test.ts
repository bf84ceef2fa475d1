import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SdkFixture } from './support.js';

// The README's example, run as written (its import pointed at this build) against the fake provider.
let fixture: SdkFixture;

before(async () => {
  fixture = await SdkFixture.start();
});

after(async () => {
  await fixture.stop();
});

function run(
  path: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

void test('S40 the README example works as written', { timeout: 60_000 }, async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(example, 'the README has a ts example');
  const code = example.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('//'));
  assert.ok(code.length <= 10, `the example is short (${code.length} lines)`);
  const entry = new URL('../src/index.js', import.meta.url).href;
  const path = join(fixture.home, 'readme-example.mjs');
  await writeFile(path, example.replace("'@rkat/sdk'", `'${entry}'`));
  const result = await run(path, fixture.env());
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /echo: Name three prime numbers\./);
  assert.match(result.stdout, /echo: Three more, please\./);
  assert.match(result.stdout, /1 turn\(s\), \d+ output tokens/);
});
