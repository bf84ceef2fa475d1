import {
  TurnFailedError,
  parseCreateSessionParams,
  parseForkAtParams,
  parseForkReplaceParams,
  parseHistoryParams,
  parseListSessionsParams,
  parseSessionIdParams,
  parseToolDefs,
  toWireSessionHistory,
  toWireSessionInfo,
  toWireSessionSummary,
} from '@rkat/runtime';
import { requestToolPort } from '../callbacks/request-tool-port.js';
import { turnFailureRpcError } from '../errors/error-mapper.js';
import { requestRunObserver } from '../events/connection-events.js';
import type { RpcMethod } from '../transport/index.js';
import type { MethodDeps } from './method-deps.js';

/**
 * `session/create` (01 §6.1): creates the session and, unless `initial_turn: "deferred"`, runs its first
 * turn with the events sent as `session/event` before the response. Result: the WireRunResult, or
 * `{session_id, session_ref}` when deferred. A failed first turn answers its class code with
 * `data.session_id` (00-decisions.md §7).
 */
function createSession({ runtime, callbacks }: MethodDeps): RpcMethod {
  return {
    async handle(params, context) {
      const options = parseCreateSessionParams(params);
      // Compile the session's tool schemas now: a bad one is invalid params, not a failed first turn.
      if (options.externalTools != null) parseToolDefs(options.externalTools, 'external_tools');
      try {
        const created = await callbacks.run(requestToolPort(context), () =>
          runtime.sessions.createSession(options, requestRunObserver(context)),
        );
        return created.result ?? { session_id: created.sessionId, session_ref: created.sessionRef };
      } catch (error) {
        if (error instanceof TurnFailedError) throw turnFailureRpcError(error, { withSessionId: true });
        throw error;
      }
    },
  };
}

/** The `session/*` methods except the stream ones (01 §6.2–§6.6). */
export function sessionMethods(deps: MethodDeps): Record<string, RpcMethod> {
  const { sessions } = deps.runtime;
  return {
    'session/create': createSession(deps),
    'session/list': {
      async handle(params) {
        const summaries = await sessions.listSessions(parseListSessionsParams(params));
        return { sessions: summaries.map(toWireSessionSummary) };
      },
    },
    'session/read': {
      async handle(params) {
        return toWireSessionInfo(await sessions.readSession(parseSessionIdParams(params).sessionId));
      },
    },
    'session/history': {
      async handle(params) {
        const { sessionId, page } = parseHistoryParams(params);
        return toWireSessionHistory(await sessions.readHistory(sessionId, page));
      },
    },
    'session/fork_at': {
      async handle(params) {
        const { sessionId, messageIndex, runningBehavior } = parseForkAtParams(params);
        return sessions.forkAt(sessionId, messageIndex, runningBehavior ? { runningBehavior } : {});
      },
    },
    'session/fork_replace': {
      async handle(params) {
        const { sessionId, messageIndex, replacement, runningBehavior } = parseForkReplaceParams(params);
        return sessions.forkReplace(
          sessionId,
          messageIndex,
          replacement,
          runningBehavior ? { runningBehavior } : {},
        );
      },
    },
    'session/archive': {
      async handle(params) {
        await sessions.archive(parseSessionIdParams(params).sessionId);
        return { archived: true };
      },
    },
  };
}
