import type { BuiltinTool } from '../builtin/builtin-tool.js';
import {
  nullable,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
} from '../builtin/tool-args.js';
import { jsonOutcome } from '../builtin/tool-outcome.js';
import type { CommandOptions, ShellJobManager } from './shell-job-manager.js';
import { JobNotFoundError, type BackgroundStarted } from './shell-jobs.js';

/** `shell {command, working_dir, timeout_secs=30, background=false}` (02 §6.3). */
export function createShellTool(manager: ShellJobManager): BuiltinTool {
  return {
    def: {
      name: 'shell',
      description:
        'Execute a shell command in the project workspace. Returns {exit_code, stdout, stderr, timed_out, duration_secs}; with background=true returns {job_id, status, message} at once — follow up with shell_job_status, shell_jobs and shell_job_cancel. Output keeps the last part of long streams. The working directory must stay inside the project root.',
      input_schema: {
        type: 'object',
        properties: {
          command: { type: 'string', description: 'The command to execute (POSIX-style shell syntax)' },
          working_dir: nullable({
            type: 'string',
            description: 'Working directory (relative to project root)',
          }),
          timeout_secs: nullable({
            type: 'integer',
            minimum: 1,
            default: manager.settings.timeoutSecs,
            description: 'Timeout in seconds (uses config default if not specified)',
          }),
          background: nullable({
            type: 'boolean',
            default: false,
            description: 'If true, run in background and return job ID immediately',
          }),
        },
        required: ['command'],
      },
    },
    execute: async (args, context) => {
      const command = requiredString(args, 'command');
      const options: CommandOptions = {};
      const workingDir = optionalString(args, 'working_dir');
      if (workingDir !== undefined) options.workingDir = workingDir;
      const timeoutSecs = optionalInteger(args, 'timeout_secs');
      if (timeoutSecs !== undefined) options.timeoutSecs = timeoutSecs;
      if (optionalBoolean(args, 'background') === true) {
        const jobId = await manager.spawnJob(command, options);
        const started: BackgroundStarted = {
          job_id: jobId,
          status: 'running',
          message: `Command started in background with job ID: ${jobId}`,
        };
        return jsonOutcome(started);
      }
      return jsonOutcome(await manager.run(command, options, context.signal));
    },
  };
}

/** `shell_jobs {}` → every background job of the session. */
export function createShellJobsTool(manager: ShellJobManager): BuiltinTool {
  return {
    def: {
      name: 'shell_jobs',
      description: 'List all background shell jobs',
      input_schema: { type: 'object', properties: {}, required: [] },
    },
    execute: () => Promise.resolve(jsonOutcome(manager.listJobs())),
  };
}

/** `shell_job_status {job_id}` → the job with its status and, once finished, its output. */
export function createShellJobStatusTool(manager: ShellJobManager): BuiltinTool {
  return {
    def: {
      name: 'shell_job_status',
      description: 'Check status of a background shell job',
      input_schema: {
        type: 'object',
        properties: { job_id: { type: 'string', description: 'The job ID to check' } },
        required: ['job_id'],
      },
    },
    execute: (args) => {
      const jobId = requiredString(args, 'job_id');
      const job = manager.getJob(jobId);
      if (job === undefined) return Promise.reject(new JobNotFoundError(jobId));
      return Promise.resolve(jsonOutcome(job));
    },
  };
}

/** `shell_job_cancel {job_id}` → `{job_id, status: "cancelled"}` once the job's process tree is gone. */
export function createShellJobCancelTool(manager: ShellJobManager): BuiltinTool {
  return {
    def: {
      name: 'shell_job_cancel',
      description: 'Cancel a running background shell job',
      input_schema: {
        type: 'object',
        properties: { job_id: { type: 'string', description: 'The job ID to cancel' } },
        required: ['job_id'],
      },
    },
    execute: async (args) => {
      const jobId = requiredString(args, 'job_id');
      await manager.cancelJob(jobId);
      return jsonOutcome({ job_id: jobId, status: 'cancelled' });
    },
  };
}

/** The four shell tools over one session's manager. */
export function createShellTools(manager: ShellJobManager): BuiltinTool[] {
  return [
    createShellTool(manager),
    createShellJobsTool(manager),
    createShellJobStatusTool(manager),
    createShellJobCancelTool(manager),
  ];
}
