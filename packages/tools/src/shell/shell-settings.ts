/** How commands are screened before they run (`shell.security_mode` / `shell.security_patterns`, 01 §10). */
export type ShellSecurityMode = 'unrestricted' | 'allow_list' | 'deny_list';

/** The shell settings of one session: the `shell` config section plus the job limits of the original. */
export interface ShellSettings {
  /** Program to run commands with (`shell.program`, default `nu`); falls back to bash, zsh, sh. */
  program: string;
  /** Default `timeout_secs` of a command (`shell.timeout_secs`, default 30). */
  timeoutSecs: number;
  securityMode: ShellSecurityMode;
  /** Glob patterns (`*` = any text) matched against the whole trimmed command. */
  securityPatterns: readonly string[];
  /** Running commands (foreground and background) allowed at once (default 10). */
  maxConcurrentProcesses: number;
  /** Finished background jobs kept for `shell_job_status` (default 100). */
  maxCompletedJobs: number;
  /** Finished background jobs are forgotten after this long (default 300 s). */
  completedJobTtlSecs: number;
  /** Bytes kept of each of stdout and stderr, from the end (default 64 KiB). */
  maxOutputBytes: number;
  /** Time between SIGTERM and SIGKILL when a command tree is stopped (default 2 s). */
  killGraceMs: number;
}

export const DEFAULT_SHELL_SETTINGS: Readonly<ShellSettings> = {
  program: 'nu',
  timeoutSecs: 30,
  securityMode: 'unrestricted',
  securityPatterns: [],
  maxConcurrentProcesses: 10,
  maxCompletedJobs: 100,
  completedJobTtlSecs: 300,
  maxOutputBytes: 64 * 1024,
  killGraceMs: 2000,
};

/** A shell setting is invalid (reported when the session's shell is built). */
export class ShellSettingsError extends Error {
  override readonly name = 'ShellSettingsError';
}

/** Fills defaults and checks the values. Throws `ShellSettingsError`. */
export function resolveShellSettings(partial: Partial<ShellSettings> = {}): ShellSettings {
  const settings: ShellSettings = { ...DEFAULT_SHELL_SETTINGS, ...partial };
  if (!['unrestricted', 'allow_list', 'deny_list'].includes(settings.securityMode)) {
    throw new ShellSettingsError(`unknown shell security mode '${String(settings.securityMode)}'`);
  }
  if (settings.program.trim() === '') throw new ShellSettingsError('shell program must not be empty');
  for (const [name, value] of [
    ['timeoutSecs', settings.timeoutSecs],
    ['maxOutputBytes', settings.maxOutputBytes],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) throw new ShellSettingsError(`${name} must be > 0`);
  }
  return settings;
}
