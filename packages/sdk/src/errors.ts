/**
 * The SDK's error classes and the mapping from JSON-RPC error objects (01 §3): every failure is a
 * `MeerkatError`; the three subclasses are chosen by wire code and keep `code`, `message` and `details`.
 */

/** Hint attached to a `CapabilityUnavailableError`: which capability is missing and why. */
export interface CapabilityHint {
  readonly capability_id: string;
  readonly message: string;
}

/**
 * Every error the SDK raises. `code` is the server's `data.code`, the stringified numeric JSON-RPC code
 * (for example `"-32001"`), or an SDK-side code such as `VERSION_MISMATCH`, `PROCESS_EXITED` or
 * `INVALID_RESPONSE`.
 */
export class MeerkatError extends Error {
  override name = 'MeerkatError';
  readonly code: string;
  readonly details?: unknown;
  readonly capabilityHint?: CapabilityHint;

  constructor(code: string, message: string, details?: unknown, capabilityHint?: CapabilityHint) {
    super(message);
    this.code = code;
    if (details !== undefined) this.details = details;
    if (capabilityHint !== undefined) this.capabilityHint = capabilityHint;
  }
}

/** A capability (or a whole RPC family) is not available in this runtime; wire code -32020. */
export class CapabilityUnavailableError extends MeerkatError {
  override name = 'CapabilityUnavailableError';
}

/** The session does not exist or is archived; wire code -32001. */
export class SessionNotFoundError extends MeerkatError {
  override name = 'SessionNotFoundError';
}

/** A skill reference did not resolve; wire code -32021. */
export class SkillNotFoundError extends MeerkatError {
  override name = 'SkillNotFoundError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds the error of a JSON-RPC error object as 01 §3 says: code `data.code` or `String(error.code)`,
 * message `data.message` or `error.message`, details `data.details` ?? `data.reason` ?? `data`; a message that
 * is itself a JSON object supplies them when `data` is not an object. The class follows the numeric code.
 */
export function errorFromRpc(error: unknown): MeerkatError {
  const object = isRecord(error) ? error : {};
  const numeric = typeof object.code === 'number' ? object.code : undefined;
  const rawMessage = typeof object.message === 'string' ? object.message : 'unknown error';
  let code = String(object.code ?? 'UNKNOWN');
  let message = rawMessage;
  let details: unknown = object.data;
  const data = isRecord(object.data) ? object.data : parseObject(rawMessage);
  if (data) {
    code = String(data.code ?? object.code ?? 'UNKNOWN');
    message = typeof data.message === 'string' ? data.message : rawMessage;
    details = data.details ?? data.reason ?? (data === object.data ? data : undefined);
  }
  switch (numeric) {
    case -32001:
      return new SessionNotFoundError(code, message, details);
    case -32021:
      return new SkillNotFoundError(code, message, details);
    case -32020:
      return new CapabilityUnavailableError(code, message, details);
    default:
      return new MeerkatError(code, message, details);
  }
}
