import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withStreamWatchdog } from '../../src/agent/stream-watchdog.js';
import { FakeClock } from '../support/fake-clock.js';

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

void test('the watchdog passes items through and leaves no timer behind', { timeout: 2_000 }, async () => {
  const clock = new FakeClock();
  async function* source(): AsyncGenerator<number> {
    yield 1;
    await clock.sleep(50);
    yield 2;
  }
  const options = {
    clock,
    idleTimeoutMs: 100,
    signal: new AbortController().signal,
    onStall: () => new Error('stall'),
  };
  assert.deepEqual(await collect(withStreamWatchdog(source(), options)), [1, 2]);
  assert.equal(clock.pendingTimers, 0);
});

void test(
  'the watchdog fails a stream that ignores its signal and never yields',
  { timeout: 2_000 },
  async () => {
    const clock = new FakeClock();
    const never: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<number>>(() => undefined) }),
    };
    const options = {
      clock,
      idleTimeoutMs: 100,
      signal: new AbortController().signal,
      onStall: () => new Error('stall'),
    };
    await assert.rejects(collect(withStreamWatchdog(never, options)), /stall/);
    assert.equal(clock.now() - Date.UTC(2026, 0, 1), 100);
  },
);

void test('the watchdog ends with the abort reason when its signal aborts', { timeout: 2_000 }, async () => {
  const clock = new FakeClock({ autoAdvance: false });
  const controller = new AbortController();
  const never: AsyncIterable<number> = {
    [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<number>>(() => undefined) }),
  };
  const running = collect(
    withStreamWatchdog(never, {
      clock,
      idleTimeoutMs: 100,
      signal: controller.signal,
      onStall: () => new Error('stall'),
    }),
  );
  controller.abort(new Error('interrupted'));
  await assert.rejects(running, /interrupted/);
});
