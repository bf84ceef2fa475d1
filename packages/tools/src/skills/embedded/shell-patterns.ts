export const SHELL_PATTERNS = `---
name: shell-patterns
description: Run shell commands safely - quoting, timeouts, background jobs, and reading results.
requires_capabilities: [shell]
---

# Shell patterns

The \`shell\` tool runs one command in the project root (or \`working_dir\`, which must stay inside it)
and answers \`{exit_code, stdout, stderr, timed_out, duration_secs}\`.

## Before running
- Prefer read-only commands to discover state (\`ls\`, \`git status\`, \`cat\`, \`grep -rn\`) before
  changing anything.
- Quote every path and argument that may contain spaces or globs: \`"$file"\`, never \`$file\`.
- Never run destructive commands (\`rm -rf\`, \`git reset --hard\`, \`git push --force\`, dropping
  databases) unless the user asked for exactly that; prefer a dry run (\`--dry-run\`, \`-n\`) first.
- Do not print secrets: environment variables that look like keys are not passed to commands, and
  you should not echo credentials into the transcript.

## Timeouts and long work
- The default timeout is 30 s; pass \`timeout_secs\` for builds and test suites.
- For servers, watchers or anything that runs longer than a few minutes, use \`background: true\`.
  The call returns \`{job_id, status: "running"}\` at once.
- Follow a job with \`shell_job_status {job_id}\`, list them with \`shell_jobs {}\` and stop one with
  \`shell_job_cancel {job_id}\`. A \`background_job_completed\` event arrives when it ends.

## Reading results
- Check \`exit_code\` first; a zero exit with an error on stderr is still worth reading.
- \`timed_out: true\` means the command was killed - rerun with a larger \`timeout_secs\` or in the
  background rather than retrying blindly.
- Keep output small: pipe through \`head\`, \`tail -n 50\` or \`grep\` instead of dumping large files.

## Portability
- Chain dependent steps with \`&&\` so a failure stops the chain; use \`set -euo pipefail\` in scripts.
- Prefer \`printf\` to \`echo -e\`, and POSIX flags over GNU-only ones when the platform is unknown.
`;
