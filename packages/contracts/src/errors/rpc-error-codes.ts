import { Type, type Static } from '@sinclair/typebox';

/** One row of the JSON-RPC error-code table (01 §3). */
export interface RpcErrorCodeEntry {
  readonly code: number;
  readonly name: string;
  /** When the code is raised. */
  readonly when: string;
}

const entry = <const N extends string, const C extends number>(name: N, code: C, when: string) =>
  ({ code, name, when }) as const;

/**
 * The JSON-RPC error codes of contract 0.6.6 (01 §3, 00-decisions.md §7), keyed by name. Every JSON-RPC
 * error this project sends is built from this table through `rpcError`.
 */
export const RPC_ERROR_CODES = {
  PARSE_ERROR: entry('PARSE_ERROR', -32700, 'A line that is not JSON or not request-shaped.'),
  INVALID_REQUEST: entry(
    'INVALID_REQUEST',
    -32600,
    'events/* when replay is unsupported; a frame above the size limit (data.code FRAME_TOO_LARGE).',
  ),
  METHOD_NOT_FOUND: entry(
    'METHOD_NOT_FOUND',
    -32601,
    'Unknown method; live/* without a transport; skills/inspect; cancel sent as a request.',
  ),
  INVALID_PARAMS: entry(
    'INVALID_PARAMS',
    -32602,
    'Bad or missing params or locator; unknown provider; bad output_schema; reserved label; invalid config; ' +
      'stale config generation; blob not found; auth or realm lookup failure; rejected turn overrides.',
  ),
  INTERNAL_ERROR: entry(
    'INTERNAL_ERROR',
    -32603,
    'Unexpected internal failures; session capacity full; skills disabled.',
  ),
  SESSION_NOT_FOUND: entry(
    'SESSION_NOT_FOUND',
    -32001,
    'Unknown session; archived session used for a mutation.',
  ),
  SESSION_BUSY: entry('SESSION_BUSY', -32002, 'A turn is already running; the session is being promoted.'),
  SESSION_NOT_RUNNING: entry('SESSION_NOT_RUNNING', -32003, 'Reserved.'),
  DUPLICATE_INPUT: entry('DUPLICATE_INPUT', -32004, 'input already processed (a deduplicated input).'),
  REQUEST_CANCELLED: entry('REQUEST_CANCELLED', -32005, 'A cancel notification or turn/interrupt.'),
  PROVIDER_ERROR: entry('PROVIDER_ERROR', -32010, 'A run failed on the LLM provider or the agent build.'),
  BUDGET_EXHAUSTED: entry('BUDGET_EXHAUSTED', -32011, 'A run failed on a budget.'),
  HOOK_DENIED: entry('HOOK_DENIED', -32012, 'A run failed because a hook denied it.'),
  AGENT_ERROR: entry('AGENT_ERROR', -32013, 'A run failed with a generic agent error.'),
  CAPABILITY_UNAVAILABLE: entry(
    'CAPABILITY_UNAVAILABLE',
    -32020,
    'The capability is compiled out or disabled.',
  ),
  SKILL_NOT_FOUND: entry('SKILL_NOT_FOUND', -32021, 'A skill reference was not found.'),
  SKILL_RESOLUTION_FAILED: entry('SKILL_RESOLUTION_FAILED', -32022, 'A skill could not be resolved.'),
  SCHEDULE_NOT_FOUND: entry('SCHEDULE_NOT_FOUND', -32023, 'Unknown schedule (non-core).'),
  SUPERVISOR_ROTATION_INCOMPLETE: entry(
    'SUPERVISOR_ROTATION_INCOMPLETE',
    -32024,
    'A mob supervisor rotation did not complete (non-core).',
  ),
} as const satisfies Record<string, RpcErrorCodeEntry>;

/** The name of a JSON-RPC error code, e.g. `SESSION_NOT_FOUND`. */
export type RpcErrorCode = keyof typeof RPC_ERROR_CODES;

/** The numeric value of a JSON-RPC error code, e.g. `-32001`. */
export type RpcErrorNumber = (typeof RPC_ERROR_CODES)[RpcErrorCode]['code'];

/** The `error` member of a JSON-RPC response. */
export const RpcErrorObject = Type.Object({
  code: Type.Integer(),
  message: Type.String(),
  data: Type.Optional(Type.Unknown()),
});
export type RpcErrorObject = Static<typeof RpcErrorObject>;

/**
 * Builds the `error` member of a JSON-RPC response from the code table. `data` is left out when it is
 * `undefined`. Never throws: `code` is checked at compile time.
 */
export function rpcError(code: RpcErrorCode, message: string, data?: unknown): RpcErrorObject {
  const error: RpcErrorObject = { code: RPC_ERROR_CODES[code].code, message };
  if (data !== undefined) error.data = data;
  return error;
}

const namesByNumber = new Map<number, RpcErrorCode>(
  Object.values(RPC_ERROR_CODES).map((row) => [row.code, row.name]),
);

/** The table name of a numeric code, or `undefined` when the number is not in the table. */
export function rpcErrorCodeName(code: number): RpcErrorCode | undefined {
  return namesByNumber.get(code);
}
