import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MeerkatClient, parseCoreEvent, parseEvent } from '../src/index.js';
import { parseAttributedMobEvent } from '../src/event-subscription.js';

// S39: the original's static parse* helpers, parseCoreEvent and scoped events (no runtime needed).

void test(
  'S39 parseEvent unwraps scoped events; parseCoreEvent parses the flat event',
  { timeout: 5_000 },
  () => {
    const delta = { type: 'text_delta', delta: 'hi' };
    const scoped = parseEvent({
      event: delta,
      scope_id: 'flow/alice',
      scope_path: [
        { scope: 'primary', session_id: 's1' },
        { scope: 'mob_member', flow_run_id: 'r', agent_identity: 'alice' },
      ],
    });
    assert.deepEqual(scoped, {
      type: 'scoped_agent_event',
      scopeId: 'flow/alice',
      scopePath: [
        { scope: 'primary', session_id: 's1' },
        { scope: 'mob_member', flow_run_id: 'r', agent_identity: 'alice' },
      ],
      event: { type: 'text_delta', delta: 'hi' },
    });
    assert.deepEqual(parseCoreEvent(delta), { type: 'text_delta', delta: 'hi' });
    assert.equal(parseCoreEvent({ type: 'text_delta' }).type, 'malformed_event');
    assert.equal(parseEvent({ event: delta }).type, 'unknown_event');
  },
);

void test(
  'S39 static helpers: sessions, messages, content, receipts, schedules, profiles',
  { timeout: 5_000 },
  () => {
    const summary = {
      session_id: 's1',
      created_at: 1,
      updated_at: 2,
      message_count: 2,
      total_tokens: 9,
      is_active: false,
      labels: {},
    };
    assert.equal(MeerkatClient.parseSessionInfo(summary).totalTokens, 9);
    assert.equal(
      MeerkatClient.parseRunResult({
        session_id: 's',
        text: 't',
        turns: 1,
        tool_calls: 0,
        usage: { input_tokens: 1, output_tokens: 2 },
      }).text,
      't',
    );
    assert.deepEqual(MeerkatClient.parseContentInput('plain'), 'plain');
    assert.deepEqual(MeerkatClient.parseContentBlock({ type: 'text', text: 'x' }), {
      type: 'text',
      text: 'x',
    });
    assert.throws(() => MeerkatClient.parseContentBlock({ type: 'sound' }), { code: 'INVALID_RESPONSE' });
    assert.deepEqual(
      MeerkatClient.parseSessionAssistantBlock({ block_type: 'text', data: { text: 'x' } }).blockType,
      'text',
    );
    assert.deepEqual(
      MeerkatClient.parseCommsSendReceipt({ kind: 'peer_request', request_id: 'q1', interaction_id: 'i1' }),
      { kind: 'peer_request', request_id: 'q1', interaction_id: 'i1', requestId: 'q1', interactionId: 'i1' },
    );
    assert.deepEqual(
      MeerkatClient.serializeTranscriptReplacement({ type: 'assistant_block', blockIndex: 1, block: {} }),
      {
        type: 'assistant_block',
        block_index: 1,
        block: {},
      },
    );
    assert.throws(
      () => MeerkatClient.serializeTranscriptReplacement({ type: 'nope' }),
      /Unknown transcript replacement type/,
    );
    assert.throws(() => MeerkatClient.parseSchedule({ phase: 'active' }), { code: 'INVALID_RESPONSE' });
    assert.deepEqual(MeerkatClient.parseMobProfileLookup({ name: 'p', revision: 3, created_at: 'c' }), {
      name: 'p',
      revision: 3,
      createdAt: 'c',
      notFound: false,
    });
    assert.deepEqual(
      parseAttributedMobEvent({
        source: 'alice',
        role: 'worker',
        envelope: { payload: { type: 'text_delta', delta: 'd' }, seq: 4 },
      }),
      {
        source: 'alice',
        profile: 'worker',
        envelope: { payload: { type: 'text_delta', delta: 'd' }, seq: 4 },
      },
    );
  },
);
