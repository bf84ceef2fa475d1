import { v7 as uuidv7 } from 'uuid';
import { RealmOpenError } from './realm-open-error.js';

const MAX_INSTANCE_ID_LENGTH = 128;

/** A new instance label, `instance-<uuidv7>` (01 §1.1). */
export function generateInstanceId(): string {
  return `instance-${uuidv7()}`;
}

/**
 * Returns `value` when it can label an instance: 1–128 characters without control characters. Throws
 * `RealmOpenError('invalid_instance_id')` otherwise. The lease file name is derived separately
 * (`leaseFileName`), so no instance id can reach outside the leases directory.
 */
export function validateInstanceId(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (value.length === 0 || value.length > MAX_INSTANCE_ID_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new RealmOpenError(
      'invalid_instance_id',
      `invalid instance id: use 1-${MAX_INSTANCE_ID_LENGTH} printable characters`,
    );
  }
  return value;
}

/** The lease file of an instance: its id with every character outside `[A-Za-z0-9_-]` replaced by `_`. */
export function leaseFileName(instanceId: string): string {
  return `${instanceId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`;
}
