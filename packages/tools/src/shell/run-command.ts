import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { signalGroup, trackGroup, untrackGroup } from './process-group.js';
import { TailBuffer } from './tail-buffer.js';

export interface CommandSpec {
  program: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Bytes kept of each of stdout and stderr (the tail). */
  maxOutputBytes: number;
  /** Time between SIGTERM and SIGKILL when the tree is stopped. */
  killGraceMs: number;
}

export interface CommandResult {
  /** `null` when the process was ended by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  stdoutLossy: boolean;
  stderrLossy: boolean;
  timedOut: boolean;
  cancelled: boolean;
  durationSecs: number;
}

/** A started command. */
export interface RunningCommand {
  /** The pid of the shell, also its process group id; undefined when it could not be spawned. */
  readonly pid: number | undefined;
  /** Settles when the shell exited and its output closed; rejects when it could not be spawned. */
  readonly result: Promise<CommandResult>;
  /** Resolves when the command and every process left in its group are gone (or were killed). */
  readonly settled: Promise<void>;
  /** Stops the whole tree (SIGTERM, then SIGKILL after the grace); resolves when settled. */
  cancel(): Promise<void>;
}

// After SIGKILL, how long the pipes may stay open (a process that left the group can hold them).
const PIPE_DRAIN_MS = 500;
// setTimeout fires at once for delays beyond 2^31 - 1 ms; longer timeouts are clamped to that (~24 days).
const MAX_TIMER_MS = 2_147_483_647;

const GROUP_POLL_MS = 50;

/** Waits until the group has no process left, or `timeoutMs` passed. */
async function waitForGroupExit(pgid: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (signalGroup(pgid, 0) && performance.now() < deadline) await sleep(GROUP_POLL_MS);
}

/**
 * Runs `program args` as the leader of a new process group with its output captured (bounded). On timeout
 * or `cancel()` the group gets SIGTERM, then SIGKILL after `killGraceMs`. Processes left in the group after
 * the shell exits (`cmd &`) are stopped the same way, so nothing outlives the command.
 */
export function startCommand(spec: CommandSpec): RunningCommand {
  const startedAt = performance.now();
  const child = spawn(spec.program, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid !== undefined) trackGroup(pid);
  const stdout = new TailBuffer(spec.maxOutputBytes);
  const stderr = new TailBuffer(spec.maxOutputBytes);
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

  let timedOut = false;
  let cancelled = false;
  let closed = false;
  let termination: Promise<void> | undefined;
  let resolveClosed: () => void = () => undefined;
  const closedSignal = new Promise<void>((resolve) => (resolveClosed = resolve));

  const terminate = (): Promise<void> => {
    termination ??= (async () => {
      if (pid === undefined) return;
      signalGroup(pid, 'SIGTERM');
      await waitForGroupExit(pid, spec.killGraceMs);
      signalGroup(pid, 'SIGKILL');
      if (!closed) {
        await Promise.race([closedSignal, sleep(PIPE_DRAIN_MS)]);
        child.stdout.destroy();
        child.stderr.destroy();
      }
      untrackGroup(pid);
    })();
    return termination;
  };

  const timer = setTimeout(
    () => {
      timedOut = true;
      void terminate();
    },
    Math.min(spec.timeoutMs, MAX_TIMER_MS),
  );

  const result = new Promise<CommandResult>((resolve, reject) => {
    child.once('error', (error) => {
      if (pid !== undefined) return; // a running process's late errors surface through 'close'
      clearTimeout(timer);
      closed = true;
      resolveClosed();
      reject(error);
    });
    child.once('close', (exitCode: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      closed = true;
      resolveClosed();
      if (pid !== undefined && termination === undefined) {
        if (signalGroup(pid, 0)) void terminate();
        else untrackGroup(pid);
      }
      const out = stdout.capture();
      const err = stderr.capture();
      resolve({
        exitCode,
        signal,
        stdout: out.text,
        stderr: err.text,
        stdoutLossy: out.lossy,
        stderrLossy: err.lossy,
        timedOut,
        cancelled,
        durationSecs: (performance.now() - startedAt) / 1000,
      });
    });
  });

  const settled = result.then(
    () => termination,
    () => undefined,
  );

  return {
    pid,
    result,
    settled,
    cancel: async () => {
      if (!closed) cancelled = true;
      await terminate();
      await settled;
    },
  };
}
