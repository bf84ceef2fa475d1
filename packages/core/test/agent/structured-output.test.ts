import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentError } from '../../src/agent/agent-error.js';
import { DEFAULT_EXTRACTION_PROMPT, stripCodeFences } from '../../src/agent/extraction.js';
import { InvalidOutputSchemaError, normalizeOutputSchema } from '../../src/agent/output-schema.js';
import { runScripted, eventsOf, typesOf } from '../support/harness.js';
import { fail, llmError, reply, text, textBlock, usage } from '../support/scripted-llm.js';

const TIMEOUT = { timeout: 5_000 };
const SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'integer' } },
  required: ['answer'],
};
const outputSchema = normalizeOutputSchema(SCHEMA);

function lastUserText(messages: readonly { role: string; content?: unknown }[] | undefined): string {
  const last = messages?.at(-1);
  return last?.role === 'user' && typeof last.content === 'string' ? last.content : '';
}

void test('extraction succeeds silently after run_completed{extraction_required:true}', TIMEOUT, async () => {
  const run = await runScripted({
    outputSchema,
    steps: [
      text('The answer is 42.', { usage: usage(10, 5) }),
      reply([textBlock('{"answer": 42}')], { usage: usage(20, 4) }),
    ],
  });
  assert.equal(run.error, undefined);
  assert.deepEqual(typesOf(run.events), [
    'run_started',
    'turn_started',
    'text_delta',
    'text_complete',
    'turn_completed',
    'run_completed',
    'extraction_succeeded',
  ]);
  assert.equal(eventsOf(run.events, 'run_completed')[0]?.extraction_required, true);
  assert.deepEqual(eventsOf(run.events, 'extraction_succeeded')[0], {
    type: 'extraction_succeeded',
    session_id: 'session-1',
    structured_output: { answer: 42 },
  });
  assert.deepEqual(run.result?.structuredOutput, { answer: 42 });
  assert.equal(run.result?.text, 'The answer is 42.');
  assert.equal(run.result?.turns, 2);
  assert.deepEqual(run.result?.usage, usage(30, 9));
  const extraction = run.llm.requests[1]?.request;
  assert.deepEqual(extraction?.tools, []);
  assert.equal(extraction?.temperature, 0);
  assert.deepEqual(extraction?.outputFormat, { schema: SCHEMA, name: 'output', strict: false });
  assert.equal(lastUserText(extraction?.messages), DEFAULT_EXTRACTION_PROMPT);
  assert.deepEqual(
    run.commits.map((commit) => [commit.messages.map((message) => message.role), commit.final]),
    [
      [['user', 'block_assistant'], false],
      [[], true],
    ],
    'extraction messages are not stored; the final boundary carries only their usage',
  );
  assert.deepEqual(run.commits[1]?.usage, usage(20, 4));
  assert.equal(run.result?.messages.length, 2);
});

void test('extraction retries with feedback and then succeeds', TIMEOUT, async () => {
  const run = await runScripted({
    outputSchema,
    extractionPrompt: 'JSON please',
    steps: [text('42'), text('{"answer": "forty-two"}'), text('```json\n{"answer": 42}\n```')],
  });
  assert.deepEqual(run.result?.structuredOutput, { answer: 42 });
  assert.equal(run.result?.turns, 3);
  const retry = run.llm.requests[2]?.request.messages;
  assert.match(lastUserText(retry), /^The previous output was invalid: Schema validation failed: \/answer/);
  assert.deepEqual(
    retry?.slice(-4).map((message) => message.role),
    ['block_assistant', 'user', 'block_assistant', 'user'],
  );
  assert.equal(lastUserText(run.llm.requests[1]?.request.messages), 'JSON please');
  assert.equal(eventsOf(run.events, 'text_delta').length, 1, 'extraction calls stream nothing');
});

void test('extraction fails after its retries and the run still succeeds', TIMEOUT, async () => {
  const run = await runScripted({
    outputSchema,
    structuredOutputRetries: 1,
    steps: [text('main answer'), text('not json'), text('still not json')],
  });
  assert.equal(run.error, undefined);
  assert.equal(run.llm.requests.length, 3);
  const failed = eventsOf(run.events, 'extraction_failed')[0];
  assert.equal(failed?.attempts, 2);
  assert.equal(failed?.last_output, 'still not json');
  assert.match(failed?.reason ?? '', /^Invalid JSON/);
  assert.deepEqual(run.result?.extractionError, {
    last_output: failed?.last_output,
    attempts: 2,
    reason: failed?.reason,
  });
  assert.equal(run.result?.structuredOutput, undefined);
  assert.equal(run.result?.text, 'main answer');
  assert.equal(typesOf(run.events).at(-1), 'extraction_failed');
});

void test('a failing extraction call ends the extraction, not the run', TIMEOUT, async () => {
  const run = await runScripted({
    outputSchema,
    steps: [text('main'), fail(llmError('invalid_request', { status: 400, message: 'bad schema' }))],
  });
  assert.equal(run.error, undefined);
  assert.deepEqual(run.result?.extractionError, { last_output: 'main', attempts: 1, reason: 'bad schema' });
});

void test(
  'an output schema that does not compile fails the run with invalid_output_schema',
  TIMEOUT,
  async () => {
    const run = await runScripted({
      outputSchema: { schema: { type: 'no-such-type' }, name: 'x', strict: false },
      steps: [text('never')],
    });
    assert.ok(run.error instanceof AgentError);
    assert.equal(run.error.errorClass, 'invalid_output_schema');
    assert.match(run.error.message, /^Invalid output_schema: /);
    assert.equal(run.llm.requests.length, 0);
  },
);

void test('normalizeOutputSchema detects the wrapper form', () => {
  assert.deepEqual(normalizeOutputSchema({ schema: SCHEMA, name: 'result', strict: true, compat: 'lossy' }), {
    schema: SCHEMA,
    name: 'result',
    strict: true,
  });
  const marked = { schema: SCHEMA, format: 'meerkat_v1', extra: 1 };
  assert.deepEqual(normalizeOutputSchema(marked).schema, SCHEMA);
  const raw = { type: 'object', properties: { schema: { type: 'string' } }, schema: 'x' };
  assert.deepEqual(normalizeOutputSchema(raw).schema, raw, 'a schema key among other keys is a raw schema');
  assert.deepEqual(normalizeOutputSchema(SCHEMA), { schema: SCHEMA, name: 'output', strict: false });
  assert.equal(normalizeOutputSchema({ schema: SCHEMA, name: null, strict: null }).strict, false);
});

void test('normalizeOutputSchema rejects bad roots, bad wrapper fields and invalid JSON Schema', () => {
  const rejects = (raw: unknown, pattern: RegExp): void => {
    assert.throws(
      () => normalizeOutputSchema(raw),
      (error: unknown) =>
        error instanceof InvalidOutputSchemaError &&
        error.code === 'invalid_output_schema' &&
        error.message.startsWith('Invalid output_schema: ') &&
        pattern.test(error.reason),
    );
  };
  rejects([], /JSON object/);
  rejects('{"type":"object"}', /JSON object/);
  rejects({ schema: [1] }, /JSON object/);
  rejects({ schema: SCHEMA, strict: 'yes' }, /strict/);
  rejects({ schema: SCHEMA, compat: 'loose' }, /compat/);
  rejects({ type: 'object', properties: { a: { type: 'bogus' } } }, /.+/);
});

void test('stripCodeFences removes json and plain fences only', () => {
  assert.equal(stripCodeFences('```json\n{"a":1}\n```'), '{"a":1}');
  assert.equal(stripCodeFences('\n```\n{"a":1}\n```\n'), '{"a":1}');
  assert.equal(stripCodeFences('  {"a":1} '), '{"a":1}');
});

void test('schema warnings of the extraction call are reported', TIMEOUT, async () => {
  const warning = {
    provider: 'gemini' as const,
    path: '/properties/answer',
    message: "Keyword 'x' may be ignored",
  };
  const run = await runScripted({
    outputSchema,
    steps: [
      text('main'),
      async function* () {
        yield {
          type: 'response' as const,
          response: {
            blocks: [textBlock('{"answer":1}')],
            stopReason: 'end_turn' as const,
            usage: usage(),
            schemaWarnings: [warning],
          },
        };
      },
    ],
  });
  assert.deepEqual(run.result?.schemaWarnings, [warning]);
  assert.deepEqual(eventsOf(run.events, 'extraction_succeeded')[0]?.schema_warnings, [warning]);
});

void test('a run ended by a limit skips extraction and says so', TIMEOUT, async () => {
  const run = await runScripted({
    outputSchema,
    budget: { maxDurationMs: 100 },
    steps: [fail(new Error('unused'))],
    maxTurns: 0,
  });
  assert.equal(run.llm.requests.length, 0);
  assert.equal(eventsOf(run.events, 'run_completed')[0]?.extraction_required, false);
  assert.equal(run.result?.terminalCauseKind, 'turn_limit_reached');
  assert.equal(run.result?.extractionError?.attempts, 0);
  assert.match(run.result?.extractionError?.reason ?? '', /turn_limit_reached/);
});
