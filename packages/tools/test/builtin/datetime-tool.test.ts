import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDatetimeTool, describeInstant } from '../../src/index.js';

const context = { sessionId: 's', signal: new AbortController().signal };

void test('datetime answers the injected instant as JSON text in UTC', async () => {
  const at = Date.UTC(2026, 10, 28, 9, 5, 7, 42); // Saturday 2026-11-28 09:05:07.042Z
  const tool = createDatetimeTool({ now: () => at });
  const outcome = await tool.execute({}, context);
  assert.equal(outcome.isError, false);
  assert.equal(typeof outcome.content, 'string');
  assert.deepEqual(JSON.parse(outcome.content as string), {
    iso8601: '2026-11-28T09:05:07.042+00:00',
    date: '2026-11-28',
    time: '09:05:07',
    timezone: 'UTC',
    unix_timestamp: Math.floor(at / 1000),
    year: '2026',
    month: '11',
    day: '28',
    weekday: 'Saturday',
  });
});

void test('datetime declares an empty object schema', () => {
  const tool = createDatetimeTool();
  assert.equal(tool.def.name, 'datetime');
  assert.equal(tool.def.input_schema.type, 'object');
});

void test('describeInstant rejects an invalid time', () => {
  assert.throws(() => describeInstant(Number.NaN), RangeError);
});

void test('describeInstant pads the first day of a year', () => {
  const result = describeInstant(Date.UTC(2027, 0, 1, 0, 0, 0));
  assert.equal(result.date, '2027-01-01');
  assert.equal(result.weekday, 'Friday');
  assert.equal(result.time, '00:00:00');
});
