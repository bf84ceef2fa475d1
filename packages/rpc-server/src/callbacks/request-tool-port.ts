import { CALLBACK_TOOL_TIMEOUT_MS, type ToolCallbackPort, type ToolCallbackResult } from '@rkat/runtime';
import type { RequestContext } from '../transport/index.js';

/**
 * Slack on the transport's own timeout, so that the callback tool source's 30 s timeout (and its message)
 * always fires first.
 */
const TRANSPORT_TIMEOUT_SLACK_MS = 1_000;

/**
 * The callback client of a request's connection (01 §16): each call is a `tool/execute` server → client
 * request (`srv-<n>`). It rejects on a JSON-RPC error, the connection closing or the request being cancelled;
 * the result is passed through as received (the callback tool source checks its shape).
 */
export function requestToolPort(context: RequestContext): ToolCallbackPort {
  return {
    callTool: async (request, signal) =>
      (await context.callClient('tool/execute', request, {
        signal,
        timeoutMs: CALLBACK_TOOL_TIMEOUT_MS + TRANSPORT_TIMEOUT_SLACK_MS,
      })) as ToolCallbackResult,
  };
}
