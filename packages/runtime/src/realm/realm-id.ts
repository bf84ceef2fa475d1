import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { RuntimeError } from '../errors/runtime-error.js';

const REALM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** True when `value` is a valid realm id (01 §1): 1–64 of `[A-Za-z0-9_-]`, first alphanumeric, not a UUID. */
export function isValidRealmId(value: string): boolean {
  return REALM_ID.test(value) && !UUID.test(value);
}

/** Returns `value` when it is a valid realm id; throws `RuntimeError('INVALID_REALM')` otherwise. */
export function validateRealmId(value: string): string {
  if (!isValidRealmId(value)) {
    throw new RuntimeError(
      'INVALID_REALM',
      `invalid realm id '${value}': use 1-64 characters of [A-Za-z0-9_-], starting with a letter or digit, not a UUID`,
    );
  }
  return value;
}

/** A new opaque realm id, `realm-<uuidv7>` (the original's isolated realm). */
export function generateRealmId(): string {
  return `realm-${uuidv7()}`;
}

/** 64-bit FNV-1a of the UTF-8 bytes of `input`, as 16 lowercase hex digits. */
export function fnv1a64Hex(input: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(input, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * The stable realm of a working directory (00-decisions.md §19), computed as the original does:
 * `ws-<fnv1a64 hex of the canonical absolute path>`. The same directory always yields the same realm.
 */
export function deriveWorkspaceRealmId(directory: string): string {
  let canonical = resolve(directory);
  try {
    canonical = realpathSync(canonical);
  } catch {
    // A directory that cannot be resolved keeps its absolute form, like the original.
  }
  return `ws-${fnv1a64Hex(canonical)}`;
}
