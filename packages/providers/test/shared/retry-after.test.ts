import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDurationSeconds, parseRetryAfter } from '../../src/shared/retry-after.js';

void test('retry-after in seconds becomes milliseconds', () => {
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': '3' })), 3000);
  assert.equal(parseRetryAfter({ 'Retry-After': '1.5' }), 1500);
});

void test('retry-after-ms wins over retry-after', () => {
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': '3', 'retry-after-ms': '250' })), 250);
});

void test('retry-after as an HTTP date is relative to now and never negative', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, now), 10_000);
  assert.equal(parseRetryAfter({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, now), 0);
});

void test('absent or unreadable retry-after is undefined', () => {
  assert.equal(parseRetryAfter(undefined), undefined);
  assert.equal(parseRetryAfter(new Headers()), undefined);
  assert.equal(parseRetryAfter({ 'retry-after': 'soon' }), undefined);
});

void test('protobuf durations parse as milliseconds', () => {
  assert.equal(parseDurationSeconds('30s'), 30_000);
  assert.equal(parseDurationSeconds('0.5s'), 500);
  assert.equal(parseDurationSeconds('30'), undefined);
  assert.equal(parseDurationSeconds(30), undefined);
});
