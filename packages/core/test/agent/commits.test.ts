import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentError } from '../../src/agent/agent-error.js';
import { runScripted, eventsOf, typesOf } from '../support/harness.js';
import { text, toolCalls, usage } from '../support/scripted-llm.js';
import { FakeTools } from '../support/fake-tools.js';

const TIMEOUT = { timeout: 5_000 };

const echo = (): FakeTools =>
  new FakeTools({
    echo: { run: (args) => Promise.resolve({ content: JSON.stringify(args), isError: false }) },
  });

void test(
  'commits happen at every boundary with the messages and usage since the last one',
  TIMEOUT,
  async () => {
    const order: string[] = [];
    const tools = echo();
    const run = await runScripted({
      tools,
      onEvent: (event) => order.push(event.type),
      commit: () => {
        order.push('commit');
        return Promise.resolve();
      },
      steps: [
        toolCalls([{ id: 'e1', name: 'echo', args: { x: 1 } }], { usage: usage(100, 10) }),
        toolCalls([{ id: 'e2', name: 'echo', args: { x: 2 } }], { usage: usage(200, 20) }),
        text('all done', { usage: usage(300, 30) }),
      ],
    });
    assert.equal(run.error, undefined);
    assert.deepEqual(
      run.commits.map((commit) => [
        commit.messages.map((message) => message.role),
        commit.usage.input_tokens,
        commit.final,
      ]),
      [
        [['user', 'block_assistant'], 100, false],
        [['tool_results'], 0, false],
        [['block_assistant'], 200, false],
        [['tool_results'], 0, false],
        [['block_assistant'], 300, true],
      ],
    );
    const firstCommit = order.indexOf('commit');
    assert.ok(
      firstCommit < order.indexOf('tool_call_requested'),
      'the call is durable before it is announced',
    );
    assert.ok(firstCommit < order.indexOf('tool_execution_started'), 'the call is durable before it runs');
    assert.ok(
      order.lastIndexOf('commit') < order.indexOf('run_completed'),
      'the run is durable before it completes',
    );
    assert.deepEqual(
      run.result?.messages,
      run.commits.flatMap((commit) => commit.messages),
    );
  },
);

void test('a rejected commit fails the run with class store and the tool never runs', TIMEOUT, async () => {
  const tools = echo();
  const run = await runScripted({
    tools,
    commit: () => Promise.reject(new Error('disk full')),
    steps: [toolCalls([{ id: 'e1', name: 'echo' }]), text('never')],
  });
  assert.ok(run.error instanceof AgentError);
  assert.equal(run.error.errorClass, 'store');
  assert.match(run.error.message, /disk full/);
  assert.equal(tools.executed.length, 0);
  assert.deepEqual(typesOf(run.events), ['run_started', 'turn_started', 'run_failed']);
  assert.equal(eventsOf(run.events, 'run_failed')[0]?.error_class, 'store');
});

void test(
  'a commit failing later fails the run after the earlier boundaries were kept',
  TIMEOUT,
  async () => {
    let calls = 0;
    const run = await runScripted({
      tools: echo(),
      commit: () => {
        calls += 1;
        return calls === 2 ? Promise.reject(new Error('conflict')) : Promise.resolve();
      },
      steps: [toolCalls([{ id: 'e1', name: 'echo' }]), text('never')],
    });
    assert.ok(run.error instanceof AgentError);
    assert.equal(run.error.errorClass, 'store');
    assert.equal(run.llm.requests.length, 1, 'no model call after the failed boundary');
  },
);
