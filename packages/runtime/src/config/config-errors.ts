import { RuntimeError } from '../errors/runtime-error.js';

/** `Failed to parse config payload: <detail>` (01 §10), code `INVALID_CONFIG` (-32602). */
export function configPayloadError(detail: string, cause?: unknown): RuntimeError {
  return new RuntimeError('INVALID_CONFIG', `Failed to parse config payload: ${detail}`, { cause });
}

/** `Failed to apply config patch preview: <detail>` (01 §10), code `INVALID_CONFIG` (-32602). */
export function configPatchPreviewError(detail: string, cause?: unknown): RuntimeError {
  return new RuntimeError('INVALID_CONFIG', `Failed to apply config patch preview: ${detail}`, { cause });
}

/**
 * A `config/set` or `config/patch` whose `expected_generation` is not the current one (01 §10):
 * -32602 `Generation conflict: expected <e>, current <c>`. Code `INVALID_PARAMS`.
 */
export class ConfigGenerationConflictError extends RuntimeError {
  override readonly name = 'ConfigGenerationConflictError';

  constructor(
    readonly expected: number,
    readonly current: number,
  ) {
    super('INVALID_PARAMS', `Generation conflict: expected ${expected}, current ${current}`);
  }
}
