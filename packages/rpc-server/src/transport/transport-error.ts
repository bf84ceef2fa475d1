/** Stable codes of transport set-up failures. */
export type TransportErrorCode = 'INVALID_LIMIT' | 'INVALID_ADDRESS' | 'REMOTE_NOT_ALLOWED' | 'LISTEN_FAILED';

/** A transport could not be set up (bad limit, bad or refused address, listen failure). Never retryable. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly code: TransportErrorCode;
  readonly retryable = false;

  constructor(code: TransportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
