import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeTranscript, toolNamesById, toolResultText } from '../../src/shared/transcript.js';
import { AT, toolRoundTrip, user } from '../helpers/requests.js';

void test('system prompt and distinct system messages are lifted, notices become user text', () => {
  const { system, items } = normalizeTranscript({
    systemPrompt: 'You are terse.',
    messages: [
      { role: 'system', content: 'You are terse.', created_at: AT },
      { role: 'system', content: 'Answer in French.', created_at: AT },
      user('hi'),
      { role: 'system_notice', kind: 'generic', body: 'disk almost full', created_at: AT },
    ],
  });
  assert.equal(system, 'You are terse.\n\nAnswer in French.');
  assert.deepEqual(items, [
    {
      kind: 'user',
      blocks: [
        { type: 'text', text: 'hi' },
        { type: 'text', text: '[System notice: generic] disk almost full' },
      ],
    },
  ]);
});

void test('legacy assistant messages become blocks', () => {
  const { items } = normalizeTranscript({
    messages: [
      user('q'),
      {
        role: 'assistant',
        content: 'calling',
        tool_calls: [{ id: 't1', name: 'f', args: { a: 1 } }],
        stop_reason: 'tool_use',
        created_at: AT,
      },
    ],
  });
  assert.deepEqual(items[1], {
    kind: 'assistant',
    blocks: [
      { block_type: 'text', data: { text: 'calling' } },
      { block_type: 'tool_use', data: { id: 't1', name: 'f', args: { a: 1 } } },
    ],
  });
});

void test('tool names are indexed by id and tool results flatten to text', () => {
  const { items } = normalizeTranscript({ messages: toolRoundTrip() });
  assert.equal(toolNamesById(items).get('call_1'), 'get_weather');
  assert.equal(
    toolResultText({
      tool_use_id: 'x',
      is_error: false,
      content: [
        { type: 'text', text: 'a' },
        { type: 'image', media_type: 'image/png', source: 'blob', blob_id: 'sha256:ab' },
      ],
    }),
    'a\n[image sha256:ab not available]',
  );
});
