import { CONTRACT_VERSION } from '@rkat/contracts';
import { MeerkatError } from './errors.js';

/** Options of `MeerkatClient.connect` (all optional). Realm options become `rkat-rpc` flags. */
export interface ConnectOptions {
  realmId?: string;
  instanceId?: string;
  realmBackend?: 'jsonl' | 'sqlite';
  isolated?: boolean;
  stateRoot?: string;
  contextRoot?: string;
  userConfigRoot?: string;
  liveWs?: boolean;
  liveWebrtc?: boolean;
  liveToolTimeoutMs?: number;
  /** The child's whole environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Reject a request with `REQUEST_TIMEOUT` when no response came in this time (default: no limit). */
  requestTimeoutMs?: number;
}

/**
 * The flags of `options`, in the original's order. Throws `INVALID_ARGS` for `realmId` with `isolated`, and
 * `LEGACY_BINARY_UNSUPPORTED` when the binary is the legacy `rkat` and any realm or live option is set.
 */
export function connectFlags(options: ConnectOptions, legacy: boolean): string[] {
  if (options.realmId !== undefined && options.isolated) {
    throw new MeerkatError('INVALID_ARGS', 'realmId and isolated cannot be combined');
  }
  const flags: string[] = [];
  if (options.liveWs) flags.push('--live-ws', '127.0.0.1:0');
  if (options.liveWebrtc) flags.push('--live-webrtc');
  if (options.liveToolTimeoutMs !== undefined)
    flags.push('--live-tool-timeout-ms', String(options.liveToolTimeoutMs));
  if (options.isolated) flags.push('--isolated');
  if (options.realmId !== undefined) flags.push('--realm', options.realmId);
  if (options.instanceId !== undefined) flags.push('--instance', options.instanceId);
  if (options.realmBackend !== undefined) flags.push('--realm-backend', options.realmBackend);
  if (options.stateRoot !== undefined) flags.push('--state-root', options.stateRoot);
  if (options.contextRoot !== undefined) flags.push('--context-root', options.contextRoot);
  if (options.userConfigRoot !== undefined) flags.push('--user-config-root', options.userConfigRoot);
  const advanced = flags.filter((flag) => flag.startsWith('--') && flag !== '--live-tool-timeout-ms');
  if (legacy && advanced.length > 0) {
    throw new MeerkatError(
      'LEGACY_BINARY_UNSUPPORTED',
      'The legacy rkat binary does not take realm or live options; use rkat-rpc.',
    );
  }
  return flags;
}

/**
 * The version rule: both majors 0 → the minors must be equal; otherwise the majors. Unparsable → false.
 */
export function isCompatibleVersion(server: string, sdk: string = CONTRACT_VERSION): boolean {
  const parse = (version: string): number[] | undefined => {
    const parts = version.split('.').map((part) => Number.parseInt(part, 10));
    return parts.length >= 2 && parts.every((part) => Number.isInteger(part)) ? parts : undefined;
  };
  const ours = parse(sdk);
  const theirs = parse(server);
  if (!ours || !theirs) return false;
  if (ours[0] === 0 && theirs[0] === 0) return ours[1] === theirs[1];
  return ours[0] === theirs[0];
}
