import { uuidv7 } from '../ids/uuidv7.js';
import { openWorkspace, type Workspace } from '../workspace/workspace.js';
import { checkCommandPolicy } from './command-policy.js';
import { startCommand, type CommandResult, type RunningCommand } from './run-command.js';
import { buildShellEnvironment } from './shell-environment.js';
import {
  JobNotFoundError,
  JobNotRunningError,
  type BackgroundJob,
  type JobStatus,
  type JobSummary,
  type ShellCommandOutput,
} from './shell-jobs.js';
import { resolveShellProgram } from './shell-program.js';
import { resolveShellSettings, type ShellSettings } from './shell-settings.js';
import { resolveWorkingDirectory } from './working-directory.js';

export interface ShellJobManagerOptions {
  /** The workspace commands are confined to; the default working directory. */
  projectRoot: string;
  /** The `shell` config section and job limits; defaults as in `DEFAULT_SHELL_SETTINGS`. */
  settings?: Partial<ShellSettings>;
  /** The session's `shell_env` (hidden from the model), added to every command's environment. */
  sessionEnv?: Readonly<Record<string, string>>;
  /** Parent variables to pass although they look like secrets (explicit grants). */
  grantedEnvNames?: readonly string[];
  /** More parent variables to keep out (e.g. binding secrets named by config). */
  deniedEnvNames?: readonly string[];
  /** The environment commands inherit from; defaults to `process.env`. */
  parentEnv?: NodeJS.ProcessEnv;
  /** Current time in epoch milliseconds; defaults to `Date.now`. */
  now?: () => number;
}

export interface CommandOptions {
  workingDir?: string;
  timeoutSecs?: number;
}

interface JobEntry {
  job: BackgroundJob;
  startedAtMs: number;
  running: RunningCommand | undefined;
  finishedAtMs: number | undefined;
}

/** The manager was disposed (its session ended); no command can start. */
export class ShellDisposedError extends Error {
  override readonly name = 'ShellDisposedError';
  constructor() {
    super('shell is closed: the session has ended');
  }
}

function outputOf(result: CommandResult): ShellCommandOutput {
  return {
    exit_code: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
    timed_out: result.timedOut,
    duration_secs: result.durationSecs,
    stdout_lossy: result.stdoutLossy,
    stderr_lossy: result.stderrLossy,
  };
}

function finalStatus(result: CommandResult): JobStatus {
  const { stdout, stderr, durationSecs: duration_secs } = result;
  if (result.cancelled) return { status: 'cancelled', duration_secs };
  if (result.timedOut) return { status: 'timed_out', stdout, stderr, duration_secs };
  return { status: 'completed', exit_code: result.exitCode, stdout, stderr, duration_secs };
}

/**
 * The shell of one session: runs foreground commands and background jobs inside the workspace, each in its
 * own process group with a filtered environment, and keeps the jobs for `shell_jobs`/`shell_job_status`.
 * `dispose()` (the runtime calls it when the session ends) stops every command and job and waits until
 * their process trees are gone; a process exit kills whatever is left.
 */
export class ShellJobManager {
  readonly settings: ShellSettings;
  private readonly env: NodeJS.ProcessEnv;
  private readonly now: () => number;
  private readonly running = new Set<RunningCommand>();
  private readonly jobs = new Map<string, JobEntry>();
  private workspace: Promise<Workspace> | undefined;
  private program: Promise<string> | undefined;
  private disposed = false;

  /** Throws `ShellSettingsError` for invalid settings. */
  constructor(private readonly options: ShellJobManagerOptions) {
    this.settings = resolveShellSettings(options.settings);
    this.now = options.now ?? Date.now;
    this.env = buildShellEnvironment({
      parent: options.parentEnv ?? process.env,
      ...(options.sessionEnv ? { sessionEnv: options.sessionEnv } : {}),
      ...(options.grantedEnvNames ? { grantedNames: options.grantedEnvNames } : {}),
      ...(options.deniedEnvNames ? { deniedNames: options.deniedEnvNames } : {}),
    });
  }

  /** Runs `command` in the foreground and returns its result; `signal` (interrupt) stops the tree. */
  async run(
    command: string,
    options: CommandOptions = {},
    signal?: AbortSignal,
  ): Promise<ShellCommandOutput> {
    const running = await this.start(command, options);
    const onAbort = (): void => void running.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted === true) onAbort();
    try {
      const result = await running.result;
      if (result.cancelled) throw new Error('shell command was cancelled');
      return outputOf(result);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Starts `command` as a background job and returns its id `job_<uuidv7>`. */
  async spawnJob(command: string, options: CommandOptions = {}): Promise<string> {
    this.forgetOldJobs();
    const timeoutSecs = options.timeoutSecs ?? this.settings.timeoutSecs;
    const startedAtMs = this.now();
    const id = `job_${uuidv7(startedAtMs)}`;
    const startedAtUnix = Math.floor(startedAtMs / 1000);
    const { running, workingDir } = await this.startWithDirectory(command, options);
    const entry: JobEntry = {
      job: {
        id,
        command,
        working_dir: workingDir,
        timeout_secs: timeoutSecs,
        status: { status: 'running', started_at_unix: startedAtUnix },
      },
      startedAtMs,
      running,
      finishedAtMs: undefined,
    };
    this.jobs.set(id, entry);
    void running.result.then(
      (result) => this.finishJob(entry, finalStatus(result)),
      (error: unknown) =>
        this.finishJob(entry, {
          status: 'failed',
          error: error instanceof Error ? error.message : String(error),
          duration_secs: this.secondsSince(startedAtMs),
        }),
    );
    return id;
  }

  /** The job `id`, or undefined. */
  getJob(id: string): BackgroundJob | undefined {
    const entry = this.jobs.get(id);
    return entry === undefined ? undefined : structuredClone(entry.job);
  }

  /** Every job kept, oldest first. */
  listJobs(): JobSummary[] {
    return [...this.jobs.values()].map((entry) => ({
      id: entry.job.id,
      command: entry.job.command,
      status: entry.job.status.status,
      started_at_unix: Math.floor(entry.startedAtMs / 1000),
    }));
  }

  /** Cancels a running job and waits until its process tree is gone. Throws `JobNotFoundError` / `JobNotRunningError`. */
  async cancelJob(id: string): Promise<void> {
    const entry = this.jobs.get(id);
    if (entry === undefined) throw new JobNotFoundError(id);
    if (entry.job.status.status !== 'running' || entry.running === undefined)
      throw new JobNotRunningError(id);
    const running = entry.running;
    this.finishJob(entry, { status: 'cancelled', duration_secs: this.secondsSince(entry.startedAtMs) });
    await running.cancel();
  }

  /** Number of commands (foreground and background) currently running. */
  get runningCount(): number {
    return this.running.size;
  }

  /** Stops every command and job of the session and waits for their trees to be gone. Idempotent. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const entry of this.jobs.values()) {
      if (entry.job.status.status === 'running') {
        this.finishJob(entry, { status: 'cancelled', duration_secs: this.secondsSince(entry.startedAtMs) });
      }
    }
    await Promise.all([...this.running].map((running) => running.cancel()));
  }

  private secondsSince(epochMs: number): number {
    return Math.max(0, this.now() - epochMs) / 1000;
  }

  private finishJob(entry: JobEntry, status: JobStatus): void {
    if (entry.job.status.status !== 'running') return; // a cancel already decided the outcome
    entry.job.status = status;
    entry.finishedAtMs = this.now();
  }

  private forgetOldJobs(): void {
    const expiry = this.now() - this.settings.completedJobTtlSecs * 1000;
    const finished = [...this.jobs.values()].filter((entry) => entry.finishedAtMs !== undefined);
    for (const entry of finished) if ((entry.finishedAtMs ?? 0) < expiry) this.jobs.delete(entry.job.id);
    const kept = finished.filter((entry) => this.jobs.has(entry.job.id));
    const excess = kept.length - this.settings.maxCompletedJobs;
    if (excess > 0) {
      kept.sort((left, right) => (left.finishedAtMs ?? 0) - (right.finishedAtMs ?? 0));
      for (const entry of kept.slice(0, excess)) this.jobs.delete(entry.job.id);
    }
  }

  private async start(command: string, options: CommandOptions): Promise<RunningCommand> {
    return (await this.startWithDirectory(command, options)).running;
  }

  private async startWithDirectory(
    command: string,
    options: CommandOptions,
  ): Promise<{ running: RunningCommand; workingDir: string }> {
    if (this.disposed) throw new ShellDisposedError();
    checkCommandPolicy(command, this.settings.securityMode, this.settings.securityPatterns);
    const limit = this.settings.maxConcurrentProcesses;
    if (limit > 0 && this.running.size >= limit) {
      throw new Error(`Concurrency limit exceeded: ${this.running.size} running commands, limit is ${limit}`);
    }
    this.workspace ??= openWorkspace(this.options.projectRoot);
    const workspace = await this.workspace.catch((error: unknown) => {
      this.workspace = undefined;
      throw new Error(`project root ${this.options.projectRoot} is not usable`, { cause: error });
    });
    const workingDir = await resolveWorkingDirectory(workspace, options.workingDir);
    this.program ??= resolveShellProgram(this.settings.program, this.env.PATH ?? '');
    const program = await this.program.catch((error: unknown) => {
      this.program = undefined;
      throw error;
    });
    if (this.disposed) throw new ShellDisposedError();
    const running = startCommand({
      program,
      args: ['-c', command],
      cwd: workingDir,
      env: { ...this.env, PWD: workingDir },
      timeoutMs: (options.timeoutSecs ?? this.settings.timeoutSecs) * 1000,
      maxOutputBytes: this.settings.maxOutputBytes,
      killGraceMs: this.settings.killGraceMs,
    });
    this.running.add(running);
    void running.settled.then(() => this.running.delete(running));
    return { running, workingDir };
  }
}
