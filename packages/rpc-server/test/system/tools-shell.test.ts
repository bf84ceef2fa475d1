import assert from 'node:assert/strict';
import { mkdtemp, readFile, realpath, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { FakeToolCall } from '@rkat/testing/fake-provider';
import type { RpcClient } from './rpc-client.js';
import { SystemFixture, scripted } from './support.js';
import { completedTools, type CompletedTool } from './tools-support.js';

// One rkat-rpc whose context root is a temp workspace: the shell tools and their confinement.
let fixture: SystemFixture;
let rpc: RpcClient;
let workspace: string;
let outside: string;

const SECRET = 'shell-secret-value-9f3';

before(async () => {
  fixture = await SystemFixture.start();
  workspace = await realpath(await mkdtemp(join(tmpdir(), 'rkat-shell-workspace-')));
  outside = await realpath(await mkdtemp(join(tmpdir(), 'rkat-shell-outside-')));
  await symlink(outside, join(workspace, 'link-out'));
  rpc = fixture.spawn(['--realm', 'tools-shell', '--context-root', workspace], {
    env: fixture.env({ PATH: process.env.PATH ?? '', RKAT_TEST_DEPLOY_TOKEN: SECRET }),
  });
});

after(async () => {
  await fixture.stop();
  await rm(workspace, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function pidIn(file: string): Promise<number> {
  await waitUntil(
    () =>
      stat(file).then(
        () => true,
        () => false,
      ),
    file,
  );
  return Number((await readFile(file, 'utf8')).trim());
}

/** Runs one scripted turn (a new session unless `sessionId`) whose first step makes `calls`. */
async function runCalls(
  calls: FakeToolCall[],
  marker: string,
  extra: { sessionId?: string; create?: Record<string, unknown> } = {},
): Promise<{ sessionId: string; calls: Map<string, CompletedTool> }> {
  const prompt = scripted([{ tools: calls }, { text: `${marker} done` }], marker);
  const result = extra.sessionId
    ? await rpc.call<{ session_id: string; text: string }>('turn/start', {
        session_id: extra.sessionId,
        prompt,
      })
    : await rpc.call<{ session_id: string; text: string }>('session/create', { ...extra.create, prompt });
  assert.equal(result.text, `${marker} done`);
  const byId = new Map(completedTools(rpc, result.session_id).map((call) => [call.id, call]));
  return { sessionId: result.session_id, calls: byId };
}

function jsonOf<T = Record<string, unknown>>(calls: Map<string, CompletedTool>, id: string): T {
  const call = calls.get(id);
  assert.ok(call, `call ${id} completed`);
  assert.equal(call.is_error, false, `${call.name} failed: ${call.result}`);
  return JSON.parse(call.result) as T;
}

function refusal(calls: Map<string, CompletedTool>, id: string): string {
  const call = calls.get(id);
  assert.ok(call, `call ${id} completed`);
  assert.equal(call.is_error, true, `${call.name} should be refused: ${call.result}`);
  return call.result;
}

void test(
  'a foreground command and background jobs: shell, shell_jobs, shell_job_status, shell_job_cancel',
  { timeout: 90_000 },
  async () => {
    const first = await runCalls(
      [
        { id: 'fg', name: 'shell', args: { command: 'echo "$GREETING"; pwd' } },
        { id: 'quick', name: 'shell', args: { command: 'echo quick-job', background: true } },
        {
          id: 'long',
          name: 'shell',
          args: { command: 'echo $$ > long.pid; exec sleep 30', background: true },
        },
      ],
      'shell-jobs-1',
      { create: { shell_env: { GREETING: 'hi-from-session' } } },
    );
    const foreground = jsonOf<{ exit_code: number; stdout: string; timed_out: boolean }>(first.calls, 'fg');
    assert.deepEqual(
      [foreground.exit_code, foreground.stdout, foreground.timed_out],
      [0, `hi-from-session\n${workspace}\n`, false],
    );
    const quick = jsonOf<{ job_id: string; status: string }>(first.calls, 'quick');
    const long = jsonOf<{ job_id: string; status: string }>(first.calls, 'long');
    assert.match(quick.job_id, /^job_[0-9a-f-]{36}$/);
    assert.equal(long.status, 'running');
    const pid = await pidIn(join(workspace, 'long.pid'));
    assert.ok(isAlive(pid), 'the long job runs');
    await sleep(300);

    const second = await runCalls(
      [
        { id: 'jobs', name: 'shell_jobs', args: {} },
        { id: 'status', name: 'shell_job_status', args: { job_id: quick.job_id } },
        { id: 'cancel', name: 'shell_job_cancel', args: { job_id: long.job_id } },
      ],
      'shell-jobs-2',
      { sessionId: first.sessionId },
    );
    const jobs = jsonOf<{ id: string; status: string }[]>(second.calls, 'jobs');
    assert.deepEqual(jobs.map((job) => job.id).sort(), [quick.job_id, long.job_id].sort());
    const status = jsonOf<{ status: { status: string; stdout: string; exit_code: number } }>(
      second.calls,
      'status',
    );
    assert.deepEqual(status.status.status, 'completed');
    assert.equal(status.status.stdout, 'quick-job\n');
    assert.deepEqual(jsonOf(second.calls, 'cancel'), { job_id: long.job_id, status: 'cancelled' });
    assert.equal(isAlive(pid), false, 'a cancelled job leaves no process');

    const third = await runCalls(
      [{ id: 'after', name: 'shell_job_status', args: { job_id: long.job_id } }],
      'shell-jobs-3',
      { sessionId: first.sessionId },
    );
    assert.equal(jsonOf<{ status: { status: string } }>(third.calls, 'after').status.status, 'cancelled');
  },
);

void test(
  'R36 shell-sandbox-escape: a working_dir above the project root or absolute outside it is refused',
  { timeout: 90_000 },
  async () => {
    const { calls } = await runCalls(
      [
        { id: 'up', name: 'shell', args: { command: 'touch escaped-up', working_dir: '..' } },
        { id: 'abs', name: 'shell', args: { command: 'touch escaped-abs', working_dir: outside } },
        {
          id: 'bg',
          name: 'shell',
          args: { command: 'touch escaped-bg', working_dir: '..', background: true },
        },
      ],
      'shell-escape-dirs',
    );
    assert.match(refusal(calls, 'up'), /outside project root/);
    assert.match(refusal(calls, 'abs'), /outside project root/);
    assert.match(refusal(calls, 'bg'), /outside project root/);
    await assert.rejects(stat(join(outside, 'escaped-abs')), { code: 'ENOENT' });
  },
);

void test(
  'R36 shell-sandbox-escape: a working_dir through a symlink that leaves the project root is refused',
  { timeout: 90_000 },
  async () => {
    const { calls } = await runCalls(
      [{ id: 'link', name: 'shell', args: { command: 'touch escaped-link', working_dir: 'link-out' } }],
      'shell-escape-link',
    );
    assert.match(refusal(calls, 'link'), /outside project root/);
    await assert.rejects(stat(join(outside, 'escaped-link')), { code: 'ENOENT' });
  },
);

void test(
  'R36 shell-sandbox-escape: credentials of the runtime environment never reach a command',
  { timeout: 90_000 },
  async () => {
    const { calls } = await runCalls(
      [
        {
          id: 'env',
          name: 'shell',
          args: { command: 'echo "token=${RKAT_TEST_DEPLOY_TOKEN:-unset} key=${ANTHROPIC_API_KEY:-unset}"' },
        },
      ],
      'shell-escape-env',
    );
    assert.equal(jsonOf<{ stdout: string }>(calls, 'env').stdout, 'token=unset key=unset\n');
  },
);

void test(
  'R36 shell-sandbox-escape: the deny_list policy of the realm config refuses a matching command',
  { timeout: 90_000 },
  async () => {
    await rpc.call('config/patch', {
      patch: { shell: { security_mode: 'deny_list', security_patterns: ['rm *'] } },
    });
    try {
      const { calls } = await runCalls(
        [
          { id: 'rm', name: 'shell', args: { command: 'rm -rf notes' } },
          { id: 'ok', name: 'shell', args: { command: 'echo allowed' } },
        ],
        'shell-escape-policy',
      );
      assert.match(refusal(calls, 'rm'), /Command blocked/);
      assert.equal(jsonOf<{ stdout: string }>(calls, 'ok').stdout, 'allowed\n');
    } finally {
      await rpc.call('config/patch', {
        patch: { shell: { security_mode: 'unrestricted', security_patterns: [] } },
      });
    }
  },
);

void test(
  'R36 shell-sandbox-escape: a background job does not outlive its archived session',
  { timeout: 90_000 },
  async () => {
    const { sessionId, calls } = await runCalls(
      [
        {
          id: 'job',
          name: 'shell',
          args: { command: 'echo $$ > orphan.pid; exec sleep 60', background: true },
        },
      ],
      'shell-escape-orphan',
    );
    jsonOf(calls, 'job');
    const pid = await pidIn(join(workspace, 'orphan.pid'));
    assert.ok(isAlive(pid));
    await rpc.call('session/archive', { session_id: sessionId });
    await waitUntil(() => !isAlive(pid), 'the job to be killed at archive');
  },
);

void test(
  'tools.max_concurrent = 1 runs the calls of one reply one after another',
  { timeout: 90_000 },
  async () => {
    await rpc.call('config/patch', { patch: { tools: { max_concurrent: 1 } } });
    try {
      const started = Date.now();
      const { calls } = await runCalls(
        [
          { id: 'a', name: 'shell', args: { command: 'sleep 0.4' } },
          { id: 'b', name: 'shell', args: { command: 'sleep 0.4' } },
        ],
        'shell-concurrency',
      );
      jsonOf(calls, 'a');
      jsonOf(calls, 'b');
      assert.ok(Date.now() - started >= 800, 'the second call waited for the first');
    } finally {
      await rpc.call('config/patch', { patch: { tools: { max_concurrent: 10 } } });
    }
  },
);
