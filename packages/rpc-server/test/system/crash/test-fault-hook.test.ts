import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testFaultHookOf } from '../../../src/server/test-fault-hook.js';

// The env hook the crash tests launch rkat-rpc with (killing is replaced by a counter here).
void test(
  'the fault hook is off unless RKAT_TEST_FAULTS=1 and a point are both set',
  { timeout: 5_000 },
  () => {
    const kill = (): void => assert.fail('must not kill');
    assert.equal(testFaultHookOf({}, kill), undefined);
    assert.equal(testFaultHookOf({ RKAT_TEST_FAULT_POINT: 'commit:before:1' }, kill), undefined);
    assert.equal(
      testFaultHookOf({ RKAT_TEST_FAULTS: 'true', RKAT_TEST_FAULT_POINT: 'commit:before:1' }, kill),
      undefined,
    );
    assert.equal(testFaultHookOf({ RKAT_TEST_FAULTS: '1' }, kill), undefined);
  },
);

void test('the fault hook kills on the nth hit of its point only', { timeout: 5_000 }, () => {
  let kills = 0;
  const hook = testFaultHookOf(
    { RKAT_TEST_FAULTS: '1', RKAT_TEST_FAULT_POINT: 'commit:after-messages:2' },
    () => (kills += 1),
  );
  assert.ok(hook);
  hook('commit:before');
  hook('commit:after-messages');
  assert.equal(kills, 0);
  hook('commit:after-session');
  hook('commit:after-messages');
  assert.equal(kills, 1);
  hook('commit:after-messages');
  assert.equal(kills, 1);
});

void test('a malformed fault point fails loudly', { timeout: 5_000 }, () => {
  for (const spec of ['commit:before', 'commit:before:0', 'before:1', 'commit:before:x']) {
    assert.throws(
      () => testFaultHookOf({ RKAT_TEST_FAULTS: '1', RKAT_TEST_FAULT_POINT: spec }),
      /RKAT_TEST_FAULT_POINT/,
      spec,
    );
  }
});
