import { InvalidArgumentError, type Command } from 'commander';
import { isValidRealmId, type OpenRuntimeOptions } from '@rkat/runtime';
import type { CliIo } from '../io.js';

/** The realm selection flags every command accepts (before or after the command name). */
export interface RealmFlags {
  realm?: string;
  stateRoot?: string;
}

function parseRealm(value: string): string {
  if (!isValidRealmId(value)) {
    throw new InvalidArgumentError(
      'expected 1-64 characters of [A-Za-z0-9_-], starting with a letter or digit',
    );
  }
  return value;
}

/** Adds `--realm` and `--state-root` to a command. */
export function addRealmOptions(command: Command): Command {
  return command
    .option('--realm <id>', 'realm to use (default: the realm of the working directory)', parseRealm)
    .option('--state-root <dir>', 'directory holding the realms (default: the platform data directory)');
}

/** The runtime options for the realm flags: an explicit realm, else the working directory's realm. */
export function runtimeOptions(flags: RealmFlags, io: CliIo): OpenRuntimeOptions {
  return {
    env: io.env,
    lease: { surface: 'rkat' },
    ...(flags.realm !== undefined ? { realmId: flags.realm } : { workspaceDirectory: io.cwd }),
    ...(flags.stateRoot !== undefined ? { stateRoot: flags.stateRoot } : {}),
  };
}

/** Parses a positive integer flag value (commander argument parser). */
export function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed <= 0) {
    throw new InvalidArgumentError('expected a positive integer');
  }
  return parsed;
}
