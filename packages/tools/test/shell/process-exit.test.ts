import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { eventually, waitUntilGone } from '../support/process.js';
import { tempDir } from '../support/temp-dir.js';

const indexUrl = pathToFileURL(join(fileURLToPath(import.meta.url), '../../../src/index.js')).href;

void test('jobs still running when the process exits are killed', { timeout: 30_000 }, async (t) => {
  const root = await tempDir(t);
  const script = `
    import { ShellJobManager } from ${JSON.stringify(indexUrl)};
    const manager = new ShellJobManager({ projectRoot: ${JSON.stringify(root)}, settings: { program: 'bash' } });
    await manager.spawnJob('sleep 300 & echo $! > job.pid; wait');
    const started = Date.now();
    const { existsSync } = await import('node:fs');
    while (!existsSync(${JSON.stringify(join(root, 'job.pid'))}) && Date.now() - started < 10000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    process.exit(0);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 0);
  const pid = await eventually(async () => {
    const text = await readFile(join(root, 'job.pid'), 'utf8').catch(() => '');
    return /^\d+\n$/.test(text) ? Number(text) : undefined;
  }, 5000);
  assert.ok(await waitUntilGone(pid, 5000), `job process ${pid} outlived the exited process`);
});
