import { parseSessionIdParams, parseTurnStartParams } from '@rkat/runtime';
import { requestToolPort } from '../callbacks/request-tool-port.js';
import { requestRunObserver } from '../events/connection-events.js';
import type { RpcMethod } from '../transport/index.js';
import type { MethodDeps } from './method-deps.js';

/**
 * `turn/start` (01 §7.1): runs one turn, its events sent as `session/event` before the WireRunResult. A
 * concurrent turn answers -32002, an interrupt or cancel -32005, a failed run its class code with
 * `data.error`. `turn/interrupt` (§7.2): `{interrupted: true}`, also on an idle session.
 */
export function turnMethods({ runtime, callbacks }: MethodDeps): Record<string, RpcMethod> {
  return {
    'turn/start': {
      async handle(params, context) {
        const { sessionId, prompt, overrides } = parseTurnStartParams(params);
        return callbacks.run(requestToolPort(context), () =>
          runtime.sessions.startTurn(sessionId, prompt, { ...overrides, ...requestRunObserver(context) }),
        );
      },
    },
    'turn/interrupt': {
      async handle(params) {
        await runtime.sessions.interrupt(parseSessionIdParams(params).sessionId);
        return { interrupted: true };
      },
    },
  };
}
