export type StoreErrorCode =
  'not_found' | 'conflict' | 'corrupt' | 'version_unsupported' | 'io' | 'disk_full';

/** A storage failure with a stable code. `corrupt` names the row in `message`; nothing is deleted. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}
