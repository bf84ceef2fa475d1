import { isIP } from 'node:net';
import { TransportError } from './transport-error.js';

/** A host and port to listen on. */
export interface TcpAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `host:port` or `[ipv6]:port` (the `--tcp` flag, 01 §1). Port 0 asks for any free port.
 * Throws `TransportError` (`INVALID_ADDRESS`).
 */
export function parseTcpAddress(text: string): TcpAddress {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!match || host === undefined || port > 65535 || (match[1] !== undefined && isIP(host) !== 6)) {
    throw new TransportError(
      'INVALID_ADDRESS',
      `invalid TCP address "${text}": expected host:port or [ipv6]:port`,
    );
  }
  return { host, port };
}

/**
 * True for addresses that only the local machine can reach: `localhost`, 127.0.0.0/8, `::1` and
 * IPv4-mapped loopback. Any other name or address counts as remote.
 */
export function isLoopbackHost(host: string): boolean {
  const normalized = host.toLowerCase();
  if (normalized === 'localhost') return true;
  const ipv4 = normalized.startsWith('::ffff:') ? normalized.slice('::ffff:'.length) : normalized;
  if (isIP(ipv4) === 4) return ipv4.startsWith('127.');
  if (isIP(normalized) !== 6) return false;
  return normalized === '::1' || /^(?:0{1,4}:){7}0{0,3}1$/.test(normalized);
}
