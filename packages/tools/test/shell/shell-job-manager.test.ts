import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createShellTools,
  ShellJobManager,
  type BackgroundJob,
  type JobSummary,
  type ShellCommandOutput,
} from '../../src/index.js';
import { eventually, isProcessGone, waitUntilGone } from '../support/process.js';
import { tempDir } from '../support/temp-dir.js';
import { callTool, errorOf, jsonOf } from '../support/tool-call.js';

type TestContext = Parameters<typeof tempDir>[0];

async function setup(
  t: TestContext,
  options: Partial<ConstructorParameters<typeof ShellJobManager>[0]> = {},
) {
  const root = await tempDir(t);
  const manager = new ShellJobManager({
    projectRoot: root,
    settings: { program: 'bash', killGraceMs: 300 },
    ...options,
  });
  t.after(() => manager.dispose());
  return { root, manager, tools: createShellTools(manager) };
}

async function readPid(path: string): Promise<number> {
  return eventually(async () => {
    const text = await readFile(path, 'utf8').catch(() => '');
    return /^\d+\n$/.test(text) ? Number(text) : undefined;
  }, 10_000);
}

void test('runs a foreground command in the project root', { timeout: 30_000 }, async (t) => {
  const { root, tools } = await setup(t);
  const output = jsonOf<ShellCommandOutput>(
    await callTool(tools, 'shell', { command: 'echo hello; pwd; echo oops >&2' }),
  );
  assert.equal(output.exit_code, 0);
  assert.equal(output.stdout, `hello\n${root}\n`);
  assert.equal(output.stderr, 'oops\n');
  assert.equal(output.timed_out, false);
  assert.ok(output.duration_secs >= 0 && output.duration_secs < 20);
});

void test('a non-zero exit is a result, not a failure', { timeout: 30_000 }, async (t) => {
  const { tools } = await setup(t);
  const outcome = await callTool(tools, 'shell', { command: 'echo partial; exit 3' });
  assert.equal(outcome.isError, false);
  const output = jsonOf<ShellCommandOutput>(outcome);
  assert.equal(output.exit_code, 3);
  assert.equal(output.stdout, 'partial\n');
});

void test(
  'falls back to an installed shell when the configured one is missing',
  { timeout: 30_000 },
  async (t) => {
    const { manager } = await setup(t, { settings: { program: 'rkat-no-such-shell', killGraceMs: 300 } });
    assert.equal((await manager.run('echo via fallback')).stdout, 'via fallback\n');
  },
);

void test('output is bounded to its tail', { timeout: 30_000 }, async (t) => {
  const { manager } = await setup(t, {
    settings: { program: 'bash', maxOutputBytes: 1000, killGraceMs: 300 },
  });
  const output = await manager.run('head -c 100000 /dev/zero | tr "\\0" a; echo END');
  assert.match(output.stdout, /^\[truncated \d+ bytes\]\.\.\.a+END\n$/);
  assert.ok(output.stdout.length < 1100);
});

void test('a timeout kills the whole process tree', { timeout: 30_000 }, async (t) => {
  const { root, tools } = await setup(t);
  const started = Date.now();
  const output = jsonOf<ShellCommandOutput>(
    await callTool(tools, 'shell', {
      command: 'sleep 300 & echo $! > grandchild.pid; echo started; wait',
      timeout_secs: 1,
    }),
  );
  assert.equal(output.timed_out, true);
  assert.equal(output.exit_code, null);
  assert.equal(output.stdout, 'started\n');
  assert.ok(Date.now() - started < 10_000);
  const grandchild = await readPid(join(root, 'grandchild.pid'));
  assert.ok(await waitUntilGone(grandchild, 5000), `grandchild ${grandchild} survived the timeout`);
});

void test('processes left behind by a finished command are stopped', { timeout: 30_000 }, async (t) => {
  const { root, manager } = await setup(t);
  const output = await manager.run('sleep 300 > /dev/null 2>&1 & echo $! > leftover.pid');
  assert.equal(output.exit_code, 0);
  const leftover = await readPid(join(root, 'leftover.pid'));
  assert.ok(await waitUntilGone(leftover, 5000), `leftover ${leftover} outlived its command`);
});

void test('an interrupt (abort signal) stops a foreground command', { timeout: 30_000 }, async (t) => {
  const { root, tools } = await setup(t);
  const controller = new AbortController();
  const pending = callTool(tools, 'shell', { command: 'echo $$ > shell.pid; sleep 300' }, controller.signal);
  const shellPid = await readPid(join(root, 'shell.pid'));
  controller.abort();
  assert.match(errorOf(await pending), /cancelled/);
  assert.ok(await waitUntilGone(shellPid, 5000));
});

void test('background job lifecycle: status, list, completion and cancel', { timeout: 30_000 }, async (t) => {
  const { root, tools } = await setup(t);
  const quick = jsonOf<{ job_id: string; status: string; message: string }>(
    await callTool(tools, 'shell', { command: 'echo done', background: true }),
  );
  assert.match(quick.job_id, /^job_[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(quick.status, 'running');
  assert.equal(quick.message, `Command started in background with job ID: ${quick.job_id}`);
  const finished = await eventually(async () => {
    const job = jsonOf<BackgroundJob>(await callTool(tools, 'shell_job_status', { job_id: quick.job_id }));
    return job.status.status === 'running' ? undefined : job;
  }, 10_000);
  assert.deepEqual(
    { ...finished, status: { ...finished.status, duration_secs: 0 } },
    {
      id: quick.job_id,
      command: 'echo done',
      working_dir: root,
      timeout_secs: 30,
      status: { status: 'completed', exit_code: 0, stdout: 'done\n', stderr: '', duration_secs: 0 },
    },
  );

  const slow = jsonOf<{ job_id: string }>(
    await callTool(tools, 'shell', { command: 'echo $$ > job.pid; exec sleep 300', background: true }),
  );
  const jobPid = await readPid(join(root, 'job.pid'));
  const running = jsonOf<BackgroundJob>(await callTool(tools, 'shell_job_status', { job_id: slow.job_id }));
  assert.equal(running.status.status, 'running');
  const listed = jsonOf<JobSummary[]>(await callTool(tools, 'shell_jobs', {}));
  assert.deepEqual(
    listed.map((job) => [job.id, job.status]),
    [
      [quick.job_id, 'completed'],
      [slow.job_id, 'running'],
    ],
  );
  assert.deepEqual(jsonOf(await callTool(tools, 'shell_job_cancel', { job_id: slow.job_id })), {
    job_id: slow.job_id,
    status: 'cancelled',
  });
  assert.ok(isProcessGone(jobPid), 'cancel returns once the job is gone');
  const cancelled = jsonOf<BackgroundJob>(await callTool(tools, 'shell_job_status', { job_id: slow.job_id }));
  assert.equal(cancelled.status.status, 'cancelled');
  assert.match(
    errorOf(await callTool(tools, 'shell_job_cancel', { job_id: slow.job_id })),
    /Job is not running/,
  );
  assert.match(
    errorOf(await callTool(tools, 'shell_job_status', { job_id: 'job_nope' })),
    /Job not found: job_nope/,
  );
  assert.match(
    errorOf(await callTool(tools, 'shell_job_cancel', { job_id: 'job_nope' })),
    /Job not found: job_nope/,
  );
});

void test('a background job that times out is reported as timed_out', { timeout: 30_000 }, async (t) => {
  const { tools } = await setup(t);
  const started = jsonOf<{ job_id: string }>(
    await callTool(tools, 'shell', { command: 'echo before; sleep 300', background: true, timeout_secs: 1 }),
  );
  const job = await eventually(async () => {
    const status = jsonOf<BackgroundJob>(
      await callTool(tools, 'shell_job_status', { job_id: started.job_id }),
    );
    return status.status.status === 'running' ? undefined : status;
  }, 15_000);
  assert.equal(job.status.status, 'timed_out');
  assert.equal(job.status.status === 'timed_out' && job.status.stdout, 'before\n');
});

void test('dispose reaps every job and refuses new commands', { timeout: 30_000 }, async (t) => {
  const { root, manager } = await setup(t);
  await manager.spawnJob('echo $$ > a.pid; sleep 300 & echo $! > a-child.pid; wait');
  await manager.spawnJob('echo $$ > b.pid; exec sleep 300');
  const pids = await Promise.all(['a.pid', 'a-child.pid', 'b.pid'].map((name) => readPid(join(root, name))));
  assert.ok(pids.every((pid) => !isProcessGone(pid)));
  await manager.dispose();
  for (const pid of pids) assert.ok(isProcessGone(pid), `pid ${pid} is an orphan after dispose`);
  assert.equal(manager.runningCount, 0);
  assert.ok(manager.listJobs().every((job) => job.status === 'cancelled'));
  await assert.rejects(manager.run('echo late'), /session has ended/);
});

void test('working_dir must stay inside the workspace', { timeout: 30_000 }, async (t) => {
  const { root, tools } = await setup(t);
  const outside = await tempDir(t);
  await mkdir(join(root, 'sub'));
  await symlink(outside, join(root, 'link'));

  const inSub = jsonOf<ShellCommandOutput>(
    await callTool(tools, 'shell', { command: 'pwd', working_dir: 'sub' }),
  );
  assert.equal(inSub.stdout, `${join(root, 'sub')}\n`);
  const absoluteInside = jsonOf<ShellCommandOutput>(
    await callTool(tools, 'shell', { command: 'pwd', working_dir: join(root, 'sub') }),
  );
  assert.equal(absoluteInside.stdout, `${join(root, 'sub')}\n`);

  for (const workingDir of ['..', 'sub/../..', '../../..', outside, '/', 'link', 'link/']) {
    const message = errorOf(
      await callTool(tools, 'shell', { command: 'touch escaped', working_dir: workingDir }),
    );
    assert.match(message, /is outside project root/, workingDir);
    const background = errorOf(
      await callTool(tools, 'shell', { command: 'touch escaped', working_dir: workingDir, background: true }),
    );
    assert.match(background, /is outside project root/, workingDir);
  }
  assert.match(
    errorOf(await callTool(tools, 'shell', { command: 'pwd', working_dir: 'missing' })),
    /Working directory not found: missing/,
  );
});

void test(
  'the child environment holds no provider key or secret of the parent',
  { timeout: 30_000 },
  async (t) => {
    const canaries: Record<string, string> = {
      ANTHROPIC_API_KEY: 'canary-anthropic-1f3a',
      OPENAI_API_KEY: 'canary-openai-2b4c',
      GEMINI_API_KEY: 'canary-gemini-3c5d',
      GOOGLE_API_KEY: 'canary-google-4d6e',
      RKAT_OPENAI_API_KEY: 'canary-rkat-5e7f',
      DEPLOY_TOKEN: 'canary-token-6f80',
      RKAT_WEBHOOK_SECRET: 'canary-secret-7091',
      GRANTED_TOKEN: 'canary-granted-81a2',
    };
    for (const [name, value] of Object.entries(canaries)) process.env[name] = value;
    t.after(() => {
      for (const name of Object.keys(canaries)) delete process.env[name];
    });
    const { tools } = await setup(t, {
      sessionEnv: { SESSION_VALUE: 'from-shell-env' },
      grantedEnvNames: ['GRANTED_TOKEN'],
    });
    const output = jsonOf<ShellCommandOutput>(await callTool(tools, 'shell', { command: 'env' }));
    for (const [name, value] of Object.entries(canaries)) {
      if (name === 'GRANTED_TOKEN') continue;
      assert.ok(!output.stdout.includes(value), `${name} leaked into the child environment`);
    }
    assert.match(output.stdout, /^GRANTED_TOKEN=canary-granted-81a2$/m);
    assert.match(output.stdout, /^SESSION_VALUE=from-shell-env$/m);
    assert.match(output.stdout, /^PATH=/m);
  },
);

void test('the concurrency limit refuses extra commands', { timeout: 30_000 }, async (t) => {
  const { manager } = await setup(t, {
    settings: { program: 'bash', maxConcurrentProcesses: 1, killGraceMs: 300 },
  });
  await manager.spawnJob('sleep 300');
  await assert.rejects(manager.run('echo no'), /Concurrency limit exceeded: 1 running commands, limit is 1/);
});

void test('a job whose shell cannot start is reported as failed', { timeout: 30_000 }, async (t) => {
  const bin = await tempDir(t);
  const wrapper = join(bin, 'wrapper-shell');
  await writeFile(wrapper, '#!/bin/sh\nexec /bin/sh "$@"\n', { mode: 0o755 });
  const { manager } = await setup(t, { settings: { program: wrapper, killGraceMs: 300 } });
  assert.equal((await manager.run('echo ok')).stdout, 'ok\n');
  await unlink(wrapper); // the resolved program disappears after it was found
  const jobId = await manager.spawnJob('echo never');
  const job = await eventually(() => {
    const status = manager.getJob(jobId);
    return status?.status.status === 'running' ? undefined : status;
  }, 10_000);
  assert.equal(job.status.status, 'failed');
  assert.match(job.status.status === 'failed' ? job.status.error : '', /ENOENT/);
  await assert.rejects(manager.run('echo never'), /ENOENT/);
});

void test('a stopped command gets SIGTERM first, so it can clean up', { timeout: 30_000 }, async (t) => {
  const { root, manager } = await setup(t, { settings: { program: 'bash', killGraceMs: 2000 } });
  const output = await manager.run("trap 'echo cleaned > term.txt; exit 0' TERM; sleep 300 & wait", {
    timeoutSecs: 1,
  });
  assert.equal(output.timed_out, true);
  assert.equal(await readFile(join(root, 'term.txt'), 'utf8'), 'cleaned\n');
});

void test('no usable shell is a clear error', { timeout: 30_000 }, async (t) => {
  const { manager } = await setup(t, {
    settings: { program: 'rkat-no-such-shell' },
    parentEnv: { PATH: '/nonexistent-rkat-path' },
  });
  await assert.rejects(
    manager.run('echo hi'),
    /Shell not installed: rkat-no-such-shell \(tried: rkat-no-such-shell, bash, zsh, sh\)/,
  );
});
