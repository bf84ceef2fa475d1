/**
 * Stable codes of runtime failures. Surfaces map them to their transport (rkat-rpc: the contract's JSON-RPC
 * code table; the CLI: exit codes). `INVALID_CONFIG` and `INVALID_REALM` are invalid-params class failures.
 */
export type RuntimeErrorCode =
  | 'INVALID_PARAMS'
  | 'INVALID_CONFIG'
  | 'INVALID_REALM'
  | 'SESSION_NOT_FOUND'
  | 'SESSION_BUSY'
  | 'REQUEST_CANCELLED'
  | 'TURN_FAILED'
  | 'SKILL_NOT_FOUND'
  | 'SKILL_RESOLUTION_FAILED'
  | 'INTERNAL_ERROR';

/** A runtime failure with a stable `code` and the original `cause`. Messages never contain secrets. */
export class RuntimeError extends Error {
  override readonly name: string = 'RuntimeError';
  readonly code: RuntimeErrorCode;

  constructor(code: RuntimeErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }

  static is(value: unknown, code?: RuntimeErrorCode): value is RuntimeError {
    return value instanceof RuntimeError && (code === undefined || value.code === code);
  }
}
