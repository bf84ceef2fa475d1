import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { HookServer, writeCommandHook } from './hooks-support.js';
import type { Message, RpcClient } from './rpc-client.js';
import { SystemFixture, errorOf, resultOf, scripted, sessionEvents } from './support.js';

// One rkat-rpc (with the test in-process handlers), a command hook script and an HTTP hook server.
let fixture: SystemFixture;
let rpc: RpcClient;
let workspace: string;
let script: string;
let server: HookServer;

const SECRET = 'Bearer hook-secret-4711';
const TOOL_THEN_TEXT = [{ tools: [{ name: 'datetime', args: {} }] }, { text: 'done' }];

before(async () => {
  fixture = await SystemFixture.start();
  workspace = await mkdtemp(join(tmpdir(), 'rkat-hooks-'));
  script = await writeCommandHook(workspace);
  server = await HookServer.start();
  rpc = fixture.spawn(['--realm', 'hooks', '--context-root', workspace], {
    env: fixture.env({ RKAT_TEST_HOOKS: '1', PATH: process.env.PATH ?? '' }),
  });
});

after(async () => {
  await fixture.stop();
  await server.stop();
  await rm(workspace, { recursive: true, force: true });
});

type Entry = Record<string, unknown>;

const inProcess = (name: string) => ({ kind: 'in_process', config: { name } });
const command = (mode: string, log: string) => ({
  kind: 'command',
  config: { command: process.execPath, args: [script, mode], env: { HOOK_LOG: log } },
});
const http = (path: string) => ({
  kind: 'http',
  config: { url: server.url(path), headers: { authorization: SECRET } },
});

function guard(id: string, point: string, runtime: object, extra: Entry = {}): Entry {
  return { id, point, capability: 'guardrail', runtime, ...extra };
}

async function ask(method: string, params: object): Promise<Message> {
  return (await rpc.request(method, params)).message;
}

async function create(prompt: string, entries: Entry[]): Promise<Message> {
  return ask('session/create', { prompt, hooks_override: { entries } });
}

function hookEvents(sessionId: string, type: string): Record<string, unknown>[] {
  return sessionEvents(rpc, sessionId)
    .map(({ event }) => event)
    .filter((event) => event.type === type);
}

function completedPoints(sessionId: string, hookId: string): unknown[] {
  return hookEvents(sessionId, 'hook_completed')
    .filter((event) => event.hook_id === hookId)
    .map((event) => event.point);
}

/** Asserts a run ended with the hook-denied error and returns the session it belongs to. */
function assertDenied(answer: Message, message: string): string {
  const error = errorOf(answer);
  assert.equal(error.code, -32012);
  assert.equal(error.message, `turn abandoned: ${message}`);
  const data = error.data as { session_id?: string; error?: { kind?: string } };
  assert.equal(data.error?.kind, 'hook_denied');
  assert.ok(data.session_id, 'a failed create names its session');
  return data.session_id;
}

function lastOf(sessionId: string, type: string): Record<string, unknown> {
  const found = hookEvents(sessionId, type).at(-1);
  assert.ok(found, `no ${type} event`);
  return found;
}

const ALL_POINTS = [
  'run_started',
  'pre_llm_request',
  'post_llm_response',
  'pre_tool_execution',
  'post_tool_execution',
  'turn_boundary',
  'run_completed',
];

void test(
  'in_process guardrails allow at every point, deny a tool call, and the session goes on',
  { timeout: 90_000 },
  async () => {
    const allowAll = ALL_POINTS.map((point) => guard('allow', point, inProcess('rkat-test-allow')));
    const allowed = resultOf<{ session_id: string; text: string }>(
      await create(scripted(TOOL_THEN_TEXT), allowAll),
    );
    assert.equal(allowed.text, 'done');
    assert.deepEqual(completedPoints(allowed.session_id, 'allow'), [
      'run_started',
      'pre_llm_request',
      'post_llm_response',
      'pre_tool_execution',
      'post_tool_execution',
      'turn_boundary',
      'pre_llm_request',
      'post_llm_response',
      'run_completed',
    ]);
    assert.equal(hookEvents(allowed.session_id, 'hook_started').length, 9);

    const calls = fixture.fake.requests.length;
    const denied = await create(scripted(TOOL_THEN_TEXT), [
      guard('no-tools', 'pre_tool_execution', inProcess('rkat-test-deny')),
      { id: 'audit-failure', point: 'run_failed', runtime: inProcess('rkat-test-allow') },
    ]);
    const sessionId = assertDenied(
      denied,
      'Hook denied at PreToolExecution: PolicyViolation - rkat-test-deny at pre_tool_execution',
    );
    assert.equal(fixture.fake.requests.length, calls + 1, 'no model call after the deny');
    assert.deepEqual(hookEvents(sessionId, 'tool_execution_started'), [], 'the denied tool never ran');
    const event = lastOf(sessionId, 'hook_denied');
    assert.equal(event.hook_id, 'no-tools');
    assert.equal(event.point, 'pre_tool_execution');
    assert.equal(event.reason_code, 'policy_violation');
    assert.deepEqual(completedPoints(sessionId, 'audit-failure'), ['run_failed']);
    const failed = lastOf(sessionId, 'run_failed');
    assert.equal(failed.error_class, 'hook');
    assert.equal(failed.terminal_cause_kind, 'hook_denied');

    const next = resultOf<{ text: string }>(
      await ask('turn/start', { session_id: sessionId, prompt: scripted([{ text: 'still here' }]) }),
    );
    assert.equal(next.text, 'still here');
  },
);

void test(
  'command hooks get the invocation on stdin and deny by their answer, fail closed or open',
  { timeout: 90_000 },
  async () => {
    const log = join(workspace, 'command.log');
    const entries = [
      guard('cmd-guard', 'run_started', command('deny-forbidden', log)),
      guard('cmd-llm', 'pre_llm_request', command('allow', log), { priority: 5 }),
      { id: 'cmd-observe', point: 'post_tool_execution', runtime: command('crash', log) },
    ];
    const denied = await create(scripted([{ text: 'never' }], 'forbidden'), entries);
    const sessionId = assertDenied(
      denied,
      'Hook denied at RunStarted: SafetyViolation - command hook: forbidden prompt',
    );
    const started = JSON.parse((await readFile(log, 'utf8')).trim().split('\n')[0] ?? '{}');
    assert.equal(started.point, 'run_started');
    assert.equal(started.session_id, sessionId);
    assert.match(started.prompt, /^forbidden/);

    // The next turn passes the guard; a crashing observer only reports hook_failed.
    const next = resultOf<{ text: string }>(
      await ask('turn/start', { session_id: sessionId, prompt: scripted(TOOL_THEN_TEXT) }),
    );
    assert.equal(next.text, 'done');
    assert.deepEqual(completedPoints(sessionId, 'cmd-llm'), ['pre_llm_request', 'pre_llm_request']);
    const crashed = lastOf(sessionId, 'hook_failed');
    assert.equal(crashed.hook_id, 'cmd-observe');
    assert.equal(crashed.error, 'command hook exited with code 3');
    const requests = (await readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const llm = requests.find((invocation) => invocation.point === 'pre_llm_request');
    assert.equal(llm.llm_request.max_tokens > 0, true);
    const tool = requests.find((invocation) => invocation.point === 'post_tool_execution');
    assert.equal(tool.tool_result.name, 'datetime');

    // A hanging guardrail is killed at its timeout and fails closed.
    const hung = await create(scripted([{ text: 'never' }]), [
      guard('cmd-hang', 'pre_llm_request', command('hang', log), { timeout_ms: 300 }),
    ]);
    const hungSession = assertDenied(
      hung,
      'Hook denied at PreLlmRequest: Timeout - hook timed out after 300ms',
    );
    assert.equal(lastOf(hungSession, 'hook_failed').error, 'hook timed out after 300ms');
    assert.equal(lastOf(hungSession, 'hook_denied').reason_code, 'timeout');
  },
);

void test(
  'http hooks post the invocation with their headers, deny at a turn boundary, and never leak the headers',
  { timeout: 90_000 },
  async () => {
    const seen = server.requests.length;
    const denied = await create(scripted(TOOL_THEN_TEXT), [
      guard('http-allow', 'post_llm_response', http('/allow')),
      guard('http-boundary', 'turn_boundary', http('/deny')),
      { id: 'http-bg', point: 'post_tool_execution', mode: 'background', runtime: http('/slow') },
    ]);
    const sessionId = assertDenied(
      denied,
      'Hook denied at TurnBoundary: PolicyViolation - http hook denies turn_boundary',
    );
    const event = lastOf(sessionId, 'hook_denied');
    // On the envelope `payload` is the AgentEvent (00-decisions.md §1); the deny's payload is inside it.
    assert.deepEqual((event.payload as { payload?: unknown }).payload, { rule: 'no-tools-today' });
    assert.deepEqual(completedPoints(sessionId, 'http-allow'), ['post_llm_response']);
    assert.equal(
      hookEvents(sessionId, 'tool_execution_completed').length,
      1,
      'the tool ran before the boundary',
    );
    const posted = server.requests.slice(seen);
    assert.deepEqual(
      posted.map((request) => request.path),
      ['/allow', '/slow', '/deny'],
      'the background hook started without blocking the run',
    );
    for (const request of posted) {
      assert.equal(request.headers.authorization, SECRET);
      assert.equal(request.headers['content-type'], 'application/json');
    }
    assert.equal(posted[2]?.body.point, 'turn_boundary');
    assert.equal(posted[2]?.body.turn_number, 0);

    const next = resultOf<{ text: string }>(
      await ask('turn/start', { session_id: sessionId, prompt: scripted([{ text: 'after' }]) }),
    );
    assert.equal(next.text, 'after');

    // A failing endpoint fails a guardrail closed; neither the error nor any event names the secret.
    const failing = await create(scripted([{ text: 'never' }]), [
      guard('http-500', 'run_completed', http('/error')),
    ]);
    const failedSession = assertDenied(
      failing,
      'Hook denied at RunCompleted: RuntimeError - HTTP hook returned 500',
    );
    const everything = JSON.stringify(rpc.messages);
    assert.equal(everything.includes('hook-secret-4711'), false, 'the header never reaches the wire');
    assert.equal(lastOf(failedSession, 'hook_failed').error, 'HTTP hook returned 500');
  },
);

void test(
  'config entries run for every session, hooks_override disables them, and payloads are bounded',
  { timeout: 90_000 },
  async () => {
    const config = await rpc.call<{ generation: number }>('config/get', {});
    await rpc.call('config/patch', {
      expected_generation: config.generation,
      patch: { hooks: { entries: [guard('cfg-guard', 'pre_llm_request', inProcess('rkat-test-deny'))] } },
    });
    const denied = await ask('session/create', { prompt: scripted([{ text: 'never' }]) });
    assertDenied(denied, 'Hook denied at PreLlmRequest: PolicyViolation - rkat-test-deny at pre_llm_request');

    const disabled = resultOf<{ session_id: string; text: string }>(
      await ask('session/create', {
        prompt: scripted([{ text: 'free' }]),
        hooks_override: { disable: ['cfg-guard'] },
      }),
    );
    assert.equal(disabled.text, 'free');

    const current = await rpc.call<{ generation: number }>('config/get', {});
    await rpc.call('config/patch', {
      expected_generation: current.generation,
      patch: { hooks: { payload_max_bytes: 64, entries: [] } },
    });
    const bounded = resultOf<{ session_id: string; text: string }>(
      await create(scripted([{ text: 'observed' }]), [
        { id: 'too-big', point: 'run_started', runtime: inProcess('rkat-test-allow') },
      ]),
    );
    assert.equal(bounded.text, 'observed');
    assert.match(
      String(lastOf(bounded.session_id, 'hook_failed').error),
      /^hook payload exceeds max size: \d+ > 64$/,
    );
    const bounding = await rpc.call<{ generation: number }>('config/get', {});
    await rpc.call('config/patch', {
      expected_generation: bounding.generation,
      patch: { hooks: { payload_max_bytes: 131_072 } },
    });
  },
);

void test(
  'invalid hook entries are refused: in the config, and in hooks_override when the run starts',
  { timeout: 90_000 },
  async () => {
    const current = await rpc.call<{ generation: number }>('config/get', {});
    const refused = errorOf(
      await ask('config/patch', {
        expected_generation: current.generation,
        patch: {
          hooks: {
            entries: [
              {
                id: 'bad',
                point: 'pre_llm_request',
                mode: 'background',
                capability: 'guardrail',
                runtime: http('/allow'),
              },
            ],
          },
        },
      }),
    );
    assert.equal(refused.code, -32602);
    assert.match(refused.message, /pre_\* background hooks must be observe-only: bad/);

    const invalid = errorOf(
      await create(scripted([{ text: 'never' }]), [
        { id: 'nowhere', point: 'run_started', runtime: { kind: 'http', config: {} } },
      ]),
    );
    assert.equal(invalid.code, -32012);
    assert.equal(
      invalid.message,
      "turn abandoned: Hook configuration invalid: hook 'nowhere': runtime needs a non-empty 'url'",
    );
  },
);

void test('an interrupt stops a hanging guardrail without a deny', { timeout: 90_000 }, async () => {
  const id = rpc.start('session/create', {
    prompt: scripted([{ text: 'never' }]),
    hooks_override: {
      entries: [guard('hang', 'run_started', inProcess('rkat-test-hang'), { timeout_ms: 60_000 })],
    },
  });
  let sessionId = '';
  await rpc.waitFor(() => {
    const started = rpc
      .notifications('session/event')
      .find((message) => (message.params?.event as { hook_id?: string }).hook_id === 'hang');
    sessionId = String(started?.params?.session_id ?? '');
    return sessionId !== '';
  }, 'the hanging hook started');
  await rpc.call('turn/interrupt', { session_id: sessionId });
  assert.equal(errorOf((await rpc.response(id)).message).code, -32005);
  assert.deepEqual(hookEvents(sessionId, 'hook_denied'), []);
  assert.equal(lastOf(sessionId, 'hook_failed').error, 'interrupted: the run stopped');
});
