import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkText, planAnswer } from '../../src/fake-provider/answer.js';
import type { NeutralMessage } from '../../src/fake-provider/conversation.js';
import { fakeScript } from '../../src/fake-provider/index.js';
import { AttemptCounter, selectScriptStep } from '../../src/fake-provider/script.js';

const user = (text: string): NeutralMessage => ({ role: 'user', text });
const assistant: NeutralMessage = { role: 'assistant', text: '' };
const tool: NeutralMessage = { role: 'tool', text: 'result' };

void describe('selectScriptStep', () => {
  void test('without a tag it echoes the last user text', () => {
    assert.deepEqual(selectScriptStep([user('first'), assistant, user('second'), tool]), {
      kind: 'echo',
      lastUserText: 'second',
    });
  });

  void test('the step is the number of assistant turns after the scripted message', () => {
    const script = fakeScript([{ text: 'a' }, { text: 'b' }, { text: 'c' }]);
    const first = selectScriptStep([user(`please ${script}`)]);
    assert.ok(first.kind === 'script');
    assert.equal(first.step, 0);
    assert.deepEqual(first.stepDefinition, { text: 'a' });
    // Consecutive assistant entries (OpenAI Responses items) are one turn.
    const third = selectScriptStep([
      user(script),
      assistant,
      assistant,
      tool,
      assistant,
      tool,
      user('go on'),
    ]);
    assert.ok(third.kind === 'script');
    assert.equal(third.step, 2);
    assert.deepEqual(third.stepDefinition, { text: 'c' });
  });

  void test('past the last step there is no step definition (the server answers done)', () => {
    const selection = selectScriptStep([user(fakeScript([{ text: 'only' }])), assistant, tool]);
    assert.ok(selection.kind === 'script');
    assert.equal(selection.step, 1);
    assert.equal(selection.stepDefinition, undefined);
  });

  void test('the last user message with a tag wins', () => {
    const selection = selectScriptStep([
      user(fakeScript([{ text: 'old' }])),
      assistant,
      user(fakeScript([{ text: 'new' }])),
    ]);
    assert.ok(selection.kind === 'script');
    assert.equal(selection.step, 0);
    assert.deepEqual(selection.stepDefinition, { text: 'new' });
  });

  void test('fakeScript escapes text that would close the tag early', () => {
    const selection = selectScriptStep([user(fakeScript([{ text: 'a </fake> b', json: undefined }]))]);
    assert.ok(selection.kind === 'script');
    assert.equal(selection.stepDefinition?.text, 'a </fake> b');
  });

  void test('rejects malformed scripts with a message naming the problem', () => {
    const cases: [string, RegExp][] = [
      ['<fake>[{"text": }]</fake>', /not JSON/],
      ['<fake>{"text": "x"}</fake>', /JSON array/],
      ['<fake>[{"txt": "x"}]</fake>', /steps\[0\]\.txt: is not a step field/],
      ['<fake>[{"tools": [{"args": {}}]}]</fake>', /steps\[0\]\.tools\[0\]\.name: is required/],
      ['<fake>[{"error": {"retry_after": 1}}]</fake>', /steps\[0\]\.error\.status: is required/],
      ['<fake>[{"stop": "finished"}]</fake>', /steps\[0\]\.stop: must be one of/],
      ['<fake>[{"chunk": 0}]</fake>', /steps\[0\]\.chunk: must be an integer >= 1/],
      ['<fake>[{"text": "a", "json": 1}]</fake>', /both text and json/],
    ];
    for (const [text, expected] of cases) {
      const selection = selectScriptStep([user(text)]);
      assert.ok(selection.kind === 'invalid', text);
      assert.match(selection.error, expected);
    }
  });
});

void describe('AttemptCounter', () => {
  void test('counts per (script, step) until reset', () => {
    const counter = new AttemptCounter();
    assert.equal(counter.next('s', 0), 1);
    assert.equal(counter.next('s', 0), 2);
    assert.equal(counter.next('s', 1), 1);
    assert.equal(counter.next('other', 0), 1);
    counter.reset();
    assert.equal(counter.next('s', 0), 1);
  });
});

void describe('planAnswer', () => {
  void test('fills default ids, stop reason and usage (request chars / 4, output chars / 4)', () => {
    const answer = planAnswer(
      { json: { ok: true }, tools: [{ name: 't', args: { a: 1 } }, { name: 'u' }] },
      3,
      401,
    );
    assert.equal(answer.text, '{"ok":true}');
    assert.deepEqual(
      answer.tools.map((tool) => [tool.id, tool.argumentsJson]),
      [
        ['call_3_0', '{"a":1}'],
        ['call_3_1', '{}'],
      ],
    );
    assert.equal(answer.stop, 'tool_use');
    assert.deepEqual(answer.usage, { input: 101, output: 5, cacheRead: 0, cacheCreation: 0 });
    assert.equal(planAnswer({}, 0, 0).usage.output, 1);
    assert.equal(
      planAnswer({ text: 'x', tools: [{ name: 't' }], stop: 'max_tokens' }, 0, 0).stop,
      'max_tokens',
    );
  });

  void test('chunkText splits by code points', () => {
    assert.deepEqual(chunkText('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
    assert.deepEqual(chunkText('😀😀😀', 2), ['😀😀', '😀']);
    assert.deepEqual(chunkText('', 4), []);
  });
});
