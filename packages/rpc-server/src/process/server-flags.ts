import { InvalidArgumentError, Option, type Command } from 'commander';
import { isValidRealmId } from '@rkat/runtime';

/** The parsed command line of `rkat-rpc` (01 §1, 00-decisions.md §12c). */
export interface ServerFlags {
  realm?: string;
  isolated?: boolean;
  instance?: string;
  realmBackend?: 'sqlite' | 'jsonl';
  stateRoot?: string;
  contextRoot?: string;
  userConfigRoot?: string;
  /** Serve JSONL over TCP on `host:port` instead of stdio. */
  tcp?: string;
  allowRemote?: boolean;
  /** `--max-frame-bytes`: the longest accepted input line (00-decisions.md §5). */
  maxFrameBytes?: number;
  /** `--write-timeout-ms`: how long the output may stay blocked before the connection is closed. */
  writeTimeoutMs?: number;
  /** Append logs to this file (at `RKAT_LOG`'s level, `info` when unset). */
  logFile?: string;
  /** Live channel flags: parsed so that every SDK invocation starts, but live is not served here. */
  liveWs?: string;
  liveWebrtc?: boolean;
  liveToolTimeoutMs?: number;
  liveWsScheme?: 'ws' | 'wss';
}

function parseRealm(value: string): string {
  if (!isValidRealmId(value)) {
    throw new InvalidArgumentError(
      'expected 1-64 characters of [A-Za-z0-9_-], starting with a letter or digit (not a UUID)',
    );
  }
  return value;
}

function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed <= 0) {
    throw new InvalidArgumentError('expected a positive integer');
  }
  return parsed;
}

/**
 * Adds the `rkat-rpc` flags to a command (the binary and `rkat rpc` share them). Value errors are
 * commander `InvalidArgumentError`s; `--realm` with `--isolated` is rejected by `parseServerFlags`.
 */
export function addServerOptions(command: Command): Command {
  return command
    .option('--realm <id>', 'join or create this realm', parseRealm)
    .option('--isolated', 'start a new isolated realm (the default without --realm)')
    .option('--instance <id>', 'instance label (config envelope instance_id, lease file name)')
    .addOption(
      new Option('--realm-backend <backend>', 'session store of a new realm').choices(['sqlite', 'jsonl']),
    )
    .option('--state-root <dir>', 'directory holding the realm directories')
    .option('--context-root <dir>', 'project conventions root (.rkat/…)')
    .option('--user-config-root <dir>', 'user conventions root (default $HOME)')
    .option('--tcp <addr>', 'serve JSONL over TCP on host:port instead of stdio')
    .option('--allow-remote', 'allow --tcp on a non-loopback address')
    .option(
      '--max-frame-bytes <n>',
      'longest accepted input line in bytes (default 16 MiB)',
      parsePositiveInteger,
    )
    .option(
      '--write-timeout-ms <n>',
      'close a connection whose reader has not accepted output for this long (default 60000)',
      parsePositiveInteger,
    )
    .option('--log-file <path>', 'append logs to this file (level RKAT_LOG, default info)')
    .option('--live-ws <addr>', 'live WebSocket channel address (live is not served by this build)')
    .option('--live-webrtc', 'live WebRTC channel (not served by this build)')
    .option(
      '--live-tool-timeout-ms <n>',
      'live tool timeout (not served by this build)',
      parsePositiveInteger,
    )
    .addOption(new Option('--live-ws-scheme <scheme>', 'live WebSocket scheme').choices(['ws', 'wss']));
}

/** A command line that parses but cannot start (e.g. `--realm` with `--isolated`). */
export class ServerFlagsError extends Error {
  override readonly name = 'ServerFlagsError';
}

/** Checks the combination of parsed flags. Throws `ServerFlagsError` for `--realm` with `--isolated`. */
export function checkServerFlags(flags: ServerFlags): ServerFlags {
  if (flags.realm !== undefined && flags.isolated === true) {
    throw new ServerFlagsError('--realm and --isolated cannot be combined');
  }
  return flags;
}
