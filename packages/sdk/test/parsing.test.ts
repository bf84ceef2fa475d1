import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CapabilityUnavailableError,
  MeerkatError,
  SessionNotFoundError,
  SkillNotFoundError,
  parseEvent,
  parseRunResult,
} from '../src/index.js';
import { connectFlags, isCompatibleVersion } from '../src/connect-options.js';
import { errorFromRpc } from '../src/errors.js';

const run = {
  session_id: 's1',
  text: 'hi',
  turns: 1,
  tool_calls: 0,
  usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 },
};

void test('S30 RunResult: camelCase, numbers required', () => {
  const result = parseRunResult({ ...run, structured_output: { a: 1 }, extraction_error: undefined });
  assert.deepEqual(result, {
    sessionId: 's1',
    text: 'hi',
    turns: 1,
    toolCalls: 0,
    usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
    structuredOutput: { a: 1 },
  });
  for (const bad of [
    { ...run, turns: '1' },
    { ...run, tool_calls: undefined },
    { ...run, usage: { input_tokens: 'x', output_tokens: 1 } },
    { ...run, usage: undefined },
    'not an object',
  ]) {
    assert.throws(() => parseRunResult(bad), { name: 'MeerkatError', code: 'INVALID_RESPONSE' });
  }
});

void test('S31 errors: code, message and details from the wire, class by code', () => {
  const notFound = errorFromRpc({ code: -32001, message: 'session not found: x' });
  assert.ok(notFound instanceof SessionNotFoundError && notFound instanceof MeerkatError);
  assert.deepEqual(
    [notFound.code, notFound.message, notFound.details],
    ['-32001', 'session not found: x', undefined],
  );
  const skill = errorFromRpc({
    code: -32021,
    message: 'no skill',
    data: { code: 'SKILL_NOT_FOUND', reason: 'gone' },
  });
  assert.ok(skill instanceof SkillNotFoundError);
  assert.deepEqual([skill.code, skill.message, skill.details], ['SKILL_NOT_FOUND', 'no skill', 'gone']);
  const capability = errorFromRpc({ code: -32020, message: 'off' });
  assert.ok(capability instanceof CapabilityUnavailableError);
  const failed = errorFromRpc({ code: -32010, message: 'turn abandoned: x', data: { error: { kind: 'x' } } });
  assert.deepEqual(
    [failed.code, failed.name, failed.details],
    ['-32010', 'MeerkatError', { error: { kind: 'x' } }],
  );
  const embedded = errorFromRpc({ code: -32603, message: '{"code":"BOOM","message":"inner","details":[1]}' });
  assert.deepEqual([embedded.code, embedded.message, embedded.details], ['BOOM', 'inner', [1]]);
});

void test('S32 events: camelCase typed events, envelope payload preferred, unknown and malformed kept', () => {
  const delta = parseEvent({
    type: 'text_delta',
    delta: 'he',
    event_id: 'e1',
    payload: { type: 'text_delta', delta: 'he' },
  });
  assert.deepEqual(delta, { type: 'text_delta', delta: 'he' });
  const turn = parseEvent({
    type: 'turn_completed',
    stop_reason: 'end_turn',
    usage: { input_tokens: 1, output_tokens: 2, cache_creation_tokens: null, cache_read_tokens: null },
  });
  assert.deepEqual(turn, {
    type: 'turn_completed',
    stopReason: 'end_turn',
    usage: { inputTokens: 1, outputTokens: 2, cacheCreationTokens: null, cacheReadTokens: null },
  });
  assert.deepEqual(parseEvent({ type: 'brand_new', x: 1 }), {
    type: 'unknown_event',
    rawType: 'brand_new',
    raw: { type: 'brand_new', x: 1 },
  });
  const malformed = parseEvent({ type: 'text_delta', delta: 5 });
  assert.equal(malformed.type, 'malformed_event');
  assert.ok(malformed.type === 'malformed_event' && malformed.rawType === 'text_delta');
});

void test('S33 version rule: 0.x needs the same minor, else the same major', () => {
  assert.equal(isCompatibleVersion('0.6.9'), true);
  assert.equal(isCompatibleVersion('0.7.0'), false);
  assert.equal(isCompatibleVersion(''), false);
  assert.equal(isCompatibleVersion('1.2.0', '1.0.0'), true);
  assert.equal(isCompatibleVersion('2.0.0', '1.0.0'), false);
});

void test('S34 realm options become flags in order; legacy rkat takes none', () => {
  assert.deepEqual(
    connectFlags(
      {
        userConfigRoot: '/u',
        contextRoot: '/c',
        stateRoot: '/s',
        realmBackend: 'sqlite',
        instanceId: 'i',
        realmId: 'r',
        liveToolTimeoutMs: 5,
      },
      false,
    ),
    [
      '--live-tool-timeout-ms',
      '5',
      '--realm',
      'r',
      '--instance',
      'i',
      '--realm-backend',
      'sqlite',
      '--state-root',
      '/s',
      '--context-root',
      '/c',
      '--user-config-root',
      '/u',
    ],
  );
  assert.deepEqual(connectFlags({ isolated: true }, false), ['--isolated']);
  assert.deepEqual(connectFlags({}, true), []);
  assert.throws(() => connectFlags({ realmId: 'r' }, true), { code: 'LEGACY_BINARY_UNSUPPORTED' });
  assert.throws(() => connectFlags({ realmId: 'r', isolated: true }, false), { code: 'INVALID_ARGS' });
});
