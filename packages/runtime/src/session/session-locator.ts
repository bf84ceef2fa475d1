import { RuntimeError } from '../errors/runtime-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Parses a session locator (01 §5): a bare UUID or `<realm>:<uuid>`. Returns the lowercase session id.
 * Throws `RuntimeError('INVALID_PARAMS')` for a malformed locator or one naming another realm.
 */
export function parseSessionLocator(raw: string, realmId: string): string {
  const separator = raw.lastIndexOf(':');
  const realm = separator >= 0 ? raw.slice(0, separator) : undefined;
  const id = separator >= 0 ? raw.slice(separator + 1) : raw;
  if (!UUID.test(id)) {
    throw new RuntimeError(
      'INVALID_PARAMS',
      `Invalid session_id '${raw}': expected a UUID or <realm>:<uuid>`,
    );
  }
  if (realm !== undefined && realm !== realmId) {
    throw new RuntimeError(
      'INVALID_PARAMS',
      `Session locator realm '${realm}' does not match active runtime realm '${realmId}'`,
    );
  }
  return id.toLowerCase();
}
