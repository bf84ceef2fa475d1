import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, parseLogLevel } from '../../src/transport/index.js';

void test('silent unless RKAT_LOG names a level', { timeout: 5000 }, () => {
  for (const value of [undefined, '', 'off', 'verbose']) {
    const lines: string[] = [];
    const logger = createLogger({
      env: { RKAT_LOG: value },
      sink: { write: (text: string) => lines.push(text) },
    });
    logger.error('boom');
    assert.equal(logger.level, 'off');
    assert.deepEqual(lines, []);
  }
});

void test('writes entries at or above the level, one line each', { timeout: 5000 }, () => {
  const lines: string[] = [];
  const logger = createLogger({
    env: { RKAT_LOG: 'INFO' },
    sink: { write: (text: string) => lines.push(text) },
    scope: 'rkat-rpc',
  });
  logger.debug('hidden');
  logger.info('listening', { port: 7, error: new Error('why'), big: 1n });
  logger.error('failed');
  assert.equal(lines.length, 2);
  assert.match(lines[0] ?? '', /^\S+ INFO rkat-rpc: listening {"port":7,"error":"Error: why","big":"1"}\n$/);
  assert.match(lines[1] ?? '', / ERROR rkat-rpc: failed\n$/);
  assert.equal(parseLogLevel(' Debug '), 'debug');
});

void test('defaults to stderr and never writes to stdout', { timeout: 5000 }, () => {
  const written: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  process.stdout.write = ((text: string) => written.push(`out:${text}`) > 0) as typeof process.stdout.write;
  process.stderr.write = ((text: string) => written.push(`err:${text}`) > 0) as typeof process.stderr.write;
  try {
    createLogger({ env: { RKAT_LOG: 'trace' } }).trace('hello');
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
  assert.equal(written.length, 1);
  assert.match(written[0] ?? '', /^err:.* TRACE hello\n$/);
});
