import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkContract,
  RPC_ERROR_CODES,
  rpcError,
  rpcErrorCodeName,
  RpcErrorObject,
  type RpcErrorCode,
} from '../../src/index.js';

/** The table of 01 §3, row by row. */
const SPEC_TABLE: [number, RpcErrorCode][] = [
  [-32700, 'PARSE_ERROR'],
  [-32600, 'INVALID_REQUEST'],
  [-32601, 'METHOD_NOT_FOUND'],
  [-32602, 'INVALID_PARAMS'],
  [-32603, 'INTERNAL_ERROR'],
  [-32001, 'SESSION_NOT_FOUND'],
  [-32002, 'SESSION_BUSY'],
  [-32003, 'SESSION_NOT_RUNNING'],
  [-32004, 'DUPLICATE_INPUT'],
  [-32005, 'REQUEST_CANCELLED'],
  [-32010, 'PROVIDER_ERROR'],
  [-32011, 'BUDGET_EXHAUSTED'],
  [-32012, 'HOOK_DENIED'],
  [-32013, 'AGENT_ERROR'],
  [-32020, 'CAPABILITY_UNAVAILABLE'],
  [-32021, 'SKILL_NOT_FOUND'],
  [-32022, 'SKILL_RESOLUTION_FAILED'],
  [-32023, 'SCHEDULE_NOT_FOUND'],
  [-32024, 'SUPERVISOR_ROTATION_INCOMPLETE'],
];

const rows = Object.entries(RPC_ERROR_CODES);

void test('the table is exactly 01 §3: every code, no more', () => {
  assert.deepEqual(
    rows.map(([, row]) => [row.code, row.name]),
    SPEC_TABLE,
  );
});

void test('codes and names are unique, keys equal names, every row says when it is raised', () => {
  assert.equal(new Set(rows.map(([, row]) => row.code)).size, rows.length);
  assert.equal(new Set(rows.map(([, row]) => row.name)).size, rows.length);
  for (const [key, row] of rows) {
    assert.equal(key, row.name);
    assert.ok(row.when.length > 0, key);
  }
});

void test('rpcError builds a JSON-RPC error object from the table', () => {
  assert.deepEqual(rpcError('SESSION_NOT_FOUND', 'Session not found: x'), {
    code: -32001,
    message: 'Session not found: x',
  });
  const withData = rpcError('INVALID_REQUEST', 'frame too large', { code: 'FRAME_TOO_LARGE' });
  assert.deepEqual(withData, { code: -32600, message: 'frame too large', data: { code: 'FRAME_TOO_LARGE' } });
  assert.equal(Object.hasOwn(rpcError('PARSE_ERROR', 'Parse error: x', undefined), 'data'), false);
  assert.deepEqual(rpcError('INTERNAL_ERROR', 'x', null), { code: -32603, message: 'x', data: null });
  assert.equal(checkContract(RpcErrorObject, withData).ok, true);
});

void test('rpcErrorCodeName maps numbers back to names', () => {
  for (const [code, name] of SPEC_TABLE) assert.equal(rpcErrorCodeName(code), name);
  assert.equal(rpcErrorCodeName(-32099), undefined);
});
