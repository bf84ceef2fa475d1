import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HookPoint } from '@rkat/contracts';
import { AgentError } from '../../src/agent/agent-error.js';
import type { HookDenial, HookGate, HookInvocation } from '../../src/hooks/hook-gate.js';
import { runScripted, typesOf } from '../support/harness.js';
import { text, toolCalls } from '../support/scripted-llm.js';
import { FakeTools } from '../support/fake-tools.js';

const TIMEOUT = { timeout: 5_000 };

/** A gate that records every invocation and denies at `denyAt`. */
class RecordingGate implements HookGate {
  readonly seen: HookInvocation[] = [];
  constructor(private readonly denyAt?: HookPoint) {}

  run(invocation: HookInvocation): Promise<HookDenial | undefined> {
    this.seen.push(invocation);
    if (invocation.point !== this.denyAt) return Promise.resolve(undefined);
    return Promise.resolve({
      hookId: 'guard',
      point: invocation.point,
      reasonCode: 'policy_violation',
      message: 'no',
    });
  }
}

const tools = () =>
  new FakeTools({ lookup: { run: () => Promise.resolve({ content: 'found', isError: false }) } });
const steps = () => [toolCalls([{ id: 't1', name: 'lookup', args: { q: 1 } }]), text('done')];

void test('the loop passes the eight hook points in order with their payloads', TIMEOUT, async () => {
  const gate = new RecordingGate();
  const run = await runScripted({ steps: steps(), tools: tools(), hooks: gate });
  assert.equal(run.error, undefined);
  assert.deepEqual(
    gate.seen.map((invocation) => invocation.point),
    [
      'run_started',
      'pre_llm_request',
      'post_llm_response',
      'pre_tool_execution',
      'post_tool_execution',
      'turn_boundary',
      'pre_llm_request',
      'post_llm_response',
      'run_completed',
    ],
  );
  const [started, preLlm, postLlm, preTool, postTool] = gate.seen;
  assert.equal(started?.prompt, 'hello');
  assert.deepEqual(preLlm?.llm_request, { max_tokens: 1024, message_count: 1 });
  assert.deepEqual(postLlm?.llm_response?.tool_call_names, ['lookup']);
  assert.deepEqual(preTool?.tool_call, { tool_use_id: 't1', name: 'lookup', args: { q: 1 } });
  assert.equal(postTool?.tool_result?.content, 'found');
  assert.equal(
    gate.seen.every((invocation) => invocation.session_id === 'session-1'),
    true,
  );
});

void test(
  'a deny ends the run with the hook-denied error; run_failed hooks still hear of it',
  TIMEOUT,
  async () => {
    const gate = new RecordingGate('pre_tool_execution');
    const lookup = tools();
    const run = await runScripted({ steps: steps(), tools: lookup, hooks: gate });
    assert.ok(run.error instanceof AgentError);
    assert.equal(run.error.errorClass, 'hook');
    assert.equal(run.error.terminalCauseKind, 'hook_denied');
    assert.equal(run.error.message, 'Hook denied at PreToolExecution: PolicyViolation - no');
    assert.deepEqual(run.error.report.reason, {
      reason_type: 'hook_denied',
      hook_id: 'guard',
      point: 'pre_tool_execution',
      reason_code: 'policy_violation',
    });
    assert.equal(lookup.executed.length, 0, 'the denied tool never ran');
    assert.equal(gate.seen.at(-1)?.point, 'run_failed');
    assert.equal(gate.seen.at(-1)?.error, run.error.message);
    assert.equal(typesOf(run.events).at(-1), 'run_failed');
  },
);

void test('a post-tool or boundary deny commits the tool results it ran first', TIMEOUT, async () => {
  for (const point of ['post_tool_execution', 'turn_boundary'] as const) {
    const run = await runScripted({ steps: steps(), tools: tools(), hooks: new RecordingGate(point) });
    assert.ok(run.error instanceof AgentError, point);
    const roles = run.commits.flatMap((commit) => commit.messages.map((message) => message.role));
    assert.deepEqual(roles, ['user', 'block_assistant', 'tool_results'], point);
  }
});
