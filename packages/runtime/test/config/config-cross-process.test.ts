import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { openConfigService, withRealmPaths } from './support/config-realm.js';

const CHILD = fileURLToPath(new URL('./support/patch-child.js', import.meta.url));

function lineReader(child: { stdout: Readable }): () => Promise<string> {
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return async () => {
    const next = await lines.next();
    if (next.done) throw new Error('child exited early');
    return next.value;
  };
}

void test(
  'two processes patch with the same expected generation: one wins',
  { timeout: 30_000 },
  async () => {
    await withRealmPaths(async (paths) => {
      const children = ['model-a', 'model-b'].map((model) =>
        spawn(process.execPath, [CHILD, paths.stateRoot, model], { stdio: ['pipe', 'pipe', 'inherit'] }),
      );
      try {
        const readers = children.map(lineReader);
        assert.deepEqual(await Promise.all(readers.map((read) => read())), ['ready', 'ready']);
        for (const child of children) child.stdin.write('go\n');
        const outcomes = (await Promise.all(readers.map((read) => read()))).map(
          (line) => JSON.parse(line) as { ok: boolean; generation?: number; message?: string },
        );
        assert.equal(outcomes.filter((outcome) => outcome.ok).length, 1);
        assert.deepEqual(
          outcomes.find((outcome) => !outcome.ok),
          {
            ok: false,
            message: 'Generation conflict: expected 0, current 1',
          },
        );
        const envelope = await (await openConfigService(paths)).get();
        assert.equal(envelope.generation, 1);
      } finally {
        for (const child of children) child.kill();
      }
    });
  },
);
