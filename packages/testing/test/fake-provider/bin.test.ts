import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../src/fake-provider/bin.js', import.meta.url));
const OPTIONS = { timeout: 30_000 };

async function launch() {
  // The test runner's NODE_TEST_CONTEXT would make the child act as a test process (it then dies on SIGTERM).
  const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
  const child = spawn(process.execPath, [BIN], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  const { url } = JSON.parse(line) as { url: string };
  return { child, url };
}

void describe('rkat-fake-provider bin', { concurrency: true }, () => {
  void test('prints its URL, serves requests and stops when stdin ends', OPTIONS, async () => {
    const { child, url } = await launch();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const listed = await fetch(`${url}/__fake/requests`);
    assert.deepEqual(await listed.json(), []);
    child.stdin.end();
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  });

  void test('stops on SIGTERM', OPTIONS, async () => {
    const { child } = await launch();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  });
});
