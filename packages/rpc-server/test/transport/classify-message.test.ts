import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH } from '@rkat/contracts';
import { classifyMessage } from '../../src/transport/index.js';

void test('R12 malformed-frame: not JSON is a parse error with id null', { timeout: 5000 }, () => {
  const message = classifyMessage('{"jsonrpc":"2.0","id":1,');
  assert.equal(message.kind, 'invalid');
  assert.equal(message.kind === 'invalid' && message.id, null);
  assert.equal(message.kind === 'invalid' && message.error.code, -32700);
  assert.match(message.kind === 'invalid' ? message.error.message : '', /^Parse error: /);
});

void test(
  'R13 invalid-request: JSON that is not request-shaped is -32600, echoing a readable id',
  { timeout: 5000 },
  () => {
    const cases: [string, number | string | null][] = [
      ['[{"jsonrpc":"2.0","id":1,"method":"x"}]', null],
      ['"just a string"', null],
      ['null', null],
      ['{"id":1,"method":"x"}', 1],
      ['{"jsonrpc":"1.0","id":"a","method":"x"}', 'a'],
      ['{"jsonrpc":"2.0","id":2,"method":7}', 2],
      ['{"jsonrpc":"2.0","id":3,"method":"x","params":[1,2]}', 3],
      ['{"jsonrpc":"2.0","id":4,"method":"x","params":"p"}', 4],
      ['{"jsonrpc":"2.0","id":true,"method":"x"}', null],
      ['{"jsonrpc":"2.0","id":5}', 5],
      ['{"jsonrpc":"2.0"}', null],
    ];
    for (const [line, id] of cases) {
      const message = classifyMessage(line);
      assert.equal(message.kind, 'invalid', line);
      assert.equal(message.kind === 'invalid' && message.error.code, -32600, line);
      assert.equal(message.kind === 'invalid' && message.id, id, line);
    }
  },
);

void test('requests and notifications; missing or null params are {}', { timeout: 5000 }, () => {
  assert.deepEqual(classifyMessage('{"jsonrpc":"2.0","id":"r","method":"m"}'), {
    kind: 'request',
    id: 'r',
    method: 'm',
    params: {},
  });
  assert.deepEqual(classifyMessage('{"jsonrpc":"2.0","id":0,"method":"m","params":{"a":1}}'), {
    kind: 'request',
    id: 0,
    method: 'm',
    params: { a: 1 },
  });
  assert.deepEqual(classifyMessage('{"jsonrpc":"2.0","id":null,"method":"n","params":null}'), {
    kind: 'notification',
    method: 'n',
    params: {},
  });
  assert.deepEqual(classifyMessage('{"jsonrpc":"2.0","method":"n"}'), {
    kind: 'notification',
    method: 'n',
    params: {},
  });
});

void test('a message without method is a response, with or without jsonrpc', { timeout: 5000 }, () => {
  assert.deepEqual(classifyMessage('{"id":"srv-0","result":{"content":"x"}}'), {
    kind: 'response',
    id: 'srv-0',
    hasResult: true,
    result: { content: 'x' },
    error: undefined,
  });
  assert.deepEqual(classifyMessage('{"jsonrpc":"2.0","id":"srv-1","error":{"code":-1,"message":"no"}}'), {
    kind: 'response',
    id: 'srv-1',
    hasResult: false,
    result: undefined,
    error: { code: -1, message: 'no' },
  });
});

void test('__proto__ in params stays inert', { timeout: 5000 }, () => {
  const message = classifyMessage(
    '{"jsonrpc":"2.0","id":1,"method":"m","params":{"__proto__":{"polluted":true}}}',
  );
  assert.equal(message.kind, 'request');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(message.kind === 'request' && message.params, {});
});

void test(
  'R13 invalid-request: JSON nested past the depth limit is -32600 JSON_TOO_DEEP echoing the id, never a stack overflow',
  { timeout: 5000 },
  () => {
    const deep = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    for (const [line, id] of [
      [`{"jsonrpc":"2.0","id":"d","method":"x","params":{"v":${deep(100_000)}}}`, 'd'],
      [`{"jsonrpc":"2.0","method":"x","params":{"v":${deep(MAX_JSON_DEPTH)}},"id":9}`, 9],
      [deep(MAX_JSON_DEPTH + 1), null],
    ] as const) {
      assert.deepEqual(classifyMessage(line), {
        kind: 'invalid',
        id,
        error: {
          code: -32600,
          message: `Invalid request: JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
          data: { code: 'JSON_TOO_DEEP', max_depth: MAX_JSON_DEPTH },
        },
      });
    }
    const atLimit = `{"jsonrpc":"2.0","id":1,"method":"x","params":{"v":${deep(MAX_JSON_DEPTH - 2)}}}`;
    assert.equal(classifyMessage(atLimit).kind, 'request');
  },
);
