import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LlmError } from '@rkat/core';
import { RuntimeError, TurnFailedError } from '@rkat/runtime';
import { CliError, main, readOutputSchemaOption, reportError, type CliIo } from '../../src/index.js';

function bufferIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env: {},
    cwd: '/',
  };
}

void test('missing credentials exit 2 with the provider message', () => {
  const io = bufferIo();
  const cause = new LlmError('set ANTHROPIC_API_KEY\n(or RKAT_ANTHROPIC_API_KEY)', {
    kind: 'missing_credentials',
    provider: 'anthropic',
  });
  const error = new TurnFailedError({ sessionId: 's', errorClass: 'llm', reason: cause.message, cause });
  assert.equal(reportError(error, io), 2);
  assert.deepEqual(io.err, ['error: set ANTHROPIC_API_KEY (or RKAT_ANTHROPIC_API_KEY)\n']);
});

void test('other failures exit 1 (130 when cancelled) without a stack', () => {
  const io = bufferIo();
  assert.equal(reportError(new RuntimeError('SESSION_NOT_FOUND', 'Session not found: x'), io), 1);
  assert.equal(reportError(new RuntimeError('REQUEST_CANCELLED', 'request cancelled'), io), 130);
  assert.equal(reportError(new CliError('bad flag'), io), 1);
  assert.equal(reportError(new Error('boom'), io), 1);
  assert.deepEqual(io.err, [
    'error: Session not found: x\n',
    'error: request cancelled\n',
    'error: bad flag\n',
    'error: boom\n',
  ]);
});

void test('--output-schema reads inline JSON or a file', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'rkat-schema-'));
  try {
    await writeFile(join(directory, 'schema.json'), '{"type":"object"}');
    assert.deepEqual(await readOutputSchemaOption('{"type":"object"}', directory), { type: 'object' });
    assert.deepEqual(await readOutputSchemaOption('schema.json', directory), { type: 'object' });
    await assert.rejects(readOutputSchemaOption('missing.json', directory), CliError);
    await assert.rejects(readOutputSchemaOption('{oops', directory), /not valid JSON/);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

void test('usage errors and help come from commander without exiting the process', async () => {
  const io = bufferIo();
  assert.equal(await main(['run'], io), 1);
  assert.match(io.err.join(''), /missing required argument 'prompt'/);
  const help = bufferIo();
  assert.equal(await main(['--help'], help), 0);
  assert.match(help.out.join(''), /resume/);
  const badRealm = bufferIo();
  assert.equal(await main(['sessions', '--realm', 'bad:realm'], badRealm), 1);
  assert.match(badRealm.err.join(''), /--realm/);
});
