import type { ShellSecurityMode } from './shell-settings.js';

/** The command is refused by the session's shell security policy. */
export class CommandRefusedError extends Error {
  override readonly name = 'CommandRefusedError';
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*');
  return new RegExp(`^${escaped}$`);
}

/**
 * Checks `command` against the security policy: `unrestricted` runs everything, `allow_list` only commands
 * matching a pattern, `deny_list` everything except commands matching a pattern. Throws
 * `CommandRefusedError`.
 */
export function checkCommandPolicy(
  command: string,
  mode: ShellSecurityMode,
  patterns: readonly string[],
): void {
  if (mode === 'unrestricted') return;
  const trimmed = command.trim();
  const matched = patterns.find((pattern) => globToRegExp(pattern).test(trimmed));
  if (mode === 'allow_list' && matched === undefined) {
    throw new CommandRefusedError('Command blocked: it matches no pattern of the shell allow list');
  }
  if (mode === 'deny_list' && matched !== undefined) {
    throw new CommandRefusedError(`Command blocked: it matches the denied pattern '${matched}'`);
  }
}
