import { StoreError } from '@rkat/core';

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Maps a failure inside a store operation to a `StoreError`: `SQLITE_FULL` / `ENOSPC` → `disk_full`,
 * `SQLITE_CORRUPT*` / `SQLITE_NOTADB` → `corrupt`, key collisions → `conflict`, anything else → `io`.
 * A `StoreError` passes through unchanged.
 */
export function toStoreError(error: unknown, operation: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = errorCode(error) ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  const message = `${operation}: ${detail}`;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code.startsWith('SQLITE_FULL')) {
    return new StoreError('disk_full', message, { cause: error });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError('corrupt', message, { cause: error });
  }
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new StoreError('conflict', message, { cause: error });
  }
  return new StoreError('io', message, { cause: error });
}
