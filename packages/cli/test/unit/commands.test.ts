import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../../src/index.js';

function bufferIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env: {},
    cwd,
  };
}

async function withDirectory(run: (directory: string) => Promise<void>): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'rkat-commands-'));
  try {
    await run(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

void test('bad run flags fail with one error line and exit code 1', { timeout: 20_000 }, async () => {
  await withDirectory(async (directory) => {
    const stateRoot = join(directory, 'state');
    const provider = bufferIo(directory);
    assert.equal(await main(['run', 'hi', '--provider', 'acme', '--state-root', stateRoot], provider), 1);
    assert.deepEqual(provider.err, [
      "error: unknown provider 'acme' (expected anthropic, openai, gemini, or self_hosted)\n",
    ]);
    const schema = bufferIo(directory);
    assert.equal(await main(['run', 'hi', '--output-schema', '{nope', '--state-root', stateRoot], schema), 1);
    assert.match(schema.err.join(''), /^error: --output-schema is not valid JSON/);
    const invalidSchema = bufferIo(directory);
    const args = ['run', 'hi', '--output-schema', '{"type": 5}', '--state-root', stateRoot];
    assert.equal(await main(args, invalidSchema), 1);
    assert.match(invalidSchema.err.join(''), /^error: Invalid output_schema/);
    const tokens = bufferIo(directory);
    assert.equal(await main(['run', 'hi', '--max-tokens', '0', '--state-root', stateRoot], tokens), 1);
    assert.match(tokens.err.join(''), /--max-tokens/);
  });
});

void test('models prints the catalog as a table with the defaults marked', { timeout: 20_000 }, async () => {
  await withDirectory(async (directory) => {
    const io = bufferIo(directory);
    assert.equal(await main(['models', '--state-root', join(directory, 'state')], io), 0);
    const text = io.out.join('');
    assert.match(text, /^PROVIDER\s+MODEL\s+NAME\s+TIER\s+CONTEXT\n/);
    assert.match(text, /anthropic\s+claude-opus-4-7 \*\s+Claude Opus 4\.7\s+recommended\s+1000000/);
    assert.match(text, /gemini\s+gemini-3-flash-preview \*/);
  });
});

void test('sessions reports an empty realm on stderr', { timeout: 20_000 }, async () => {
  await withDirectory(async (directory) => {
    const io = bufferIo(directory);
    assert.equal(
      await main(['sessions', '--realm', 'empty', '--state-root', join(directory, 'state')], io),
      0,
    );
    assert.deepEqual(io.out, []);
    assert.deepEqual(io.err, ['no sessions in realm empty\n']);
  });
});
