import { Type, type Static } from '@sinclair/typebox';
import type { ForkRunningBehavior } from '../session-fork.js';
import type { HistoryPage, SessionListOptions } from '../session-queries.js';
import { checkParams, paramsObject } from './param-checks.js';

const opt = Type.Optional;
const count = Type.Integer({ minimum: 0 });
const strict = { additionalProperties: false } as const;

/** Params naming one session: `session/read`, `session/archive`, `turn/interrupt`. */
export const SessionIdParams = Type.Object({ session_id: Type.String() });
/** `session/list` params (01 §6.2). */
export const ListSessionsParams = Type.Object({
  labels: opt(Type.Record(Type.String(), Type.String())),
  limit: opt(count),
  offset: opt(count),
});
/** `session/history` params (01 §6.4). */
export const HistoryParams = Type.Object({
  session_id: Type.String(),
  offset: opt(count),
  limit: opt(count),
});
/** `session/stream_open` params (strict, 01 §6.10). */
export const StreamOpenParams = Type.Object({ session_id: Type.String() }, strict);
/** `session/stream_close` params (strict, 01 §6.10). */
export const StreamCloseParams = Type.Object({ stream_id: Type.String() }, strict);
const forkFields = {
  session_id: Type.String(),
  message_index: count,
  running_behavior: opt(Type.Literal('reject')),
};
/** `session/fork_at` params (strict, 01 §6.6). */
export const ForkAtParams = Type.Object(forkFields, strict);
/** `session/fork_replace` params (strict, 01 §6.6); the replacement is checked by `parseReplacement`. */
export const ForkReplaceParams = Type.Object({ ...forkFields, replacement: Type.Unknown() }, strict);

type ForkAtParams = Static<typeof ForkAtParams>;
type ForkReplaceParams = Static<typeof ForkReplaceParams>;

/** A parsed fork request, in the argument order of `forkAt` / `forkReplace`. */
export interface ForkParams {
  sessionId: string;
  messageIndex: number;
  runningBehavior?: ForkRunningBehavior;
  replacement?: unknown;
}

/** `{session_id}` params. Throws `RuntimeError('INVALID_PARAMS')`. */
export function parseSessionIdParams(raw: unknown): { sessionId: string } {
  return { sessionId: checkParams<{ session_id: string }>(SessionIdParams, paramsObject(raw)).session_id };
}

/** `session/list` params. Throws `RuntimeError('INVALID_PARAMS')`. */
export function parseListSessionsParams(raw: unknown): SessionListOptions {
  return checkParams<SessionListOptions>(ListSessionsParams, paramsObject(raw));
}

/** `session/history` params. Throws `RuntimeError('INVALID_PARAMS')`. */
export function parseHistoryParams(raw: unknown): { sessionId: string; page: HistoryPage } {
  const p = checkParams<Static<typeof HistoryParams>>(HistoryParams, paramsObject(raw));
  const page: HistoryPage = {};
  if (p.offset !== undefined) page.offset = p.offset;
  if (p.limit !== undefined) page.limit = p.limit;
  return { sessionId: p.session_id, page };
}

/** `session/stream_open` params; unknown fields are rejected. Throws `RuntimeError('INVALID_PARAMS')`. */
export function parseStreamOpenParams(raw: unknown): { sessionId: string } {
  return { sessionId: checkParams<{ session_id: string }>(StreamOpenParams, paramsObject(raw)).session_id };
}

/** `session/stream_close` params; unknown fields are rejected. Throws `RuntimeError('INVALID_PARAMS')`. */
export function parseStreamCloseParams(raw: unknown): { streamId: string } {
  return { streamId: checkParams<{ stream_id: string }>(StreamCloseParams, paramsObject(raw)).stream_id };
}

function toForkParams(p: ForkAtParams & { replacement?: unknown }): ForkParams {
  return {
    sessionId: p.session_id,
    messageIndex: p.message_index,
    ...(p.running_behavior !== undefined ? { runningBehavior: p.running_behavior } : {}),
    ...(p.replacement !== undefined ? { replacement: p.replacement } : {}),
  };
}

/** `session/fork_at` params; unknown fields are rejected. Throws `RuntimeError('INVALID_PARAMS')`. */
export function parseForkAtParams(raw: unknown): ForkParams {
  return toForkParams(checkParams<ForkAtParams>(ForkAtParams, paramsObject(raw)));
}

/**
 * `session/fork_replace` params; unknown fields are rejected and `replacement` is required. Throws
 * `RuntimeError('INVALID_PARAMS')`.
 */
export function parseForkReplaceParams(raw: unknown): ForkParams {
  return toForkParams(checkParams<ForkReplaceParams>(ForkReplaceParams, paramsObject(raw)));
}
