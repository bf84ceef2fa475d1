import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SystemClock } from '../../src/clock/system-clock.js';

void test('SystemClock sleeps and reports epoch time', { timeout: 2_000 }, async () => {
  const clock = new SystemClock();
  const before = clock.now();
  await clock.sleep(2);
  assert.ok(clock.now() >= before);
  assert.ok(Math.abs(clock.now() - Date.now()) < 1_000);
});

void test(
  'SystemClock sleep rejects with the abort reason, also when already aborted',
  { timeout: 2_000 },
  async () => {
    const clock = new SystemClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(sleeping, /stop/);
    await assert.rejects(clock.sleep(1, controller.signal), /stop/);
  },
);
