/** Statuses of a background job (02 §6.3). */
export type JobStatusName = 'running' | 'completed' | 'failed' | 'timed_out' | 'cancelled';

/** A job's status, tagged by `status`, with the fields of the original's `JobStatus`. */
export type JobStatus =
  | { status: 'running'; started_at_unix: number }
  | { status: 'completed'; exit_code: number | null; stdout: string; stderr: string; duration_secs: number }
  | { status: 'failed'; error: string; duration_secs: number }
  | { status: 'timed_out'; stdout: string; stderr: string; duration_secs: number }
  | { status: 'cancelled'; duration_secs: number };

/** `shell_job_status` answer (the original's `BackgroundJob`). */
export interface BackgroundJob {
  id: string;
  command: string;
  /** The resolved working directory. */
  working_dir: string | null;
  timeout_secs: number;
  status: JobStatus;
}

/** One entry of `shell_jobs` (the original's `JobSummary`). */
export interface JobSummary {
  id: string;
  command: string;
  status: JobStatusName;
  started_at_unix: number;
}

/** `shell` answer for a foreground command. */
export interface ShellCommandOutput {
  /** `null` when the process was killed (timeout, cancel, signal). */
  exit_code: number | null;
  stdout: string;
  stderr: string;
  timed_out: boolean;
  duration_secs: number;
  stdout_lossy: boolean;
  stderr_lossy: boolean;
}

/** `shell` answer for `background: true`. */
export interface BackgroundStarted {
  job_id: string;
  status: 'running';
  message: string;
}

export class JobNotFoundError extends Error {
  override readonly name = 'JobNotFoundError';
  constructor(readonly jobId: string) {
    super(`Job not found: ${jobId}`);
  }
}

export class JobNotRunningError extends Error {
  override readonly name = 'JobNotRunningError';
  constructor(readonly jobId: string) {
    super(`Job is not running: ${jobId}`);
  }
}
