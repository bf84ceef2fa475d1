import assert from 'node:assert/strict';
import type { RpcClient } from './rpc-client.js';
import { sessionEvents } from './support.js';

/** One `tool_execution_completed` event of a session. */
export interface CompletedTool {
  id: string;
  name: string;
  result: string;
  is_error: boolean;
  content?: { type: string; [key: string]: unknown }[];
}

/** Every completed tool call of a session, in order. */
export function completedTools(client: RpcClient, sessionId: string): CompletedTool[] {
  return sessionEvents(client, sessionId)
    .map(({ event }) => event)
    .filter((event) => event.type === 'tool_execution_completed')
    .map((event) => event as unknown as CompletedTool);
}

/** The last completed call of `name` in a session, asserting there is one. */
export function lastCall(client: RpcClient, sessionId: string, name: string): CompletedTool {
  const call = completedTools(client, sessionId)
    .filter((entry) => entry.name === name)
    .at(-1);
  assert.ok(call, `the model called ${name}`);
  return call;
}

/** The JSON result of the last successful call of `name`. */
export function lastJson<T = Record<string, unknown>>(client: RpcClient, sessionId: string, name: string): T {
  const call = lastCall(client, sessionId, name);
  assert.equal(call.is_error, false, `${name} failed: ${call.result}`);
  return JSON.parse(call.result) as T;
}

/** The `tool_config_changed` payloads of a session. */
export function toolConfigChanges(client: RpcClient, sessionId: string): Record<string, unknown>[] {
  return (
    sessionEvents(client, sessionId)
      .map(({ event }) => event)
      .filter((event) => event.type === 'tool_config_changed')
      // The envelope's `payload` (the AgentEvent) wins over the event's own `payload` key (00-decisions.md §1).
      .map((event) => (event.payload as { payload: Record<string, unknown> }).payload)
  );
}

/** The tool names offered in the last model request whose body contains `marker` (Anthropic format). */
export function offeredTools(requests: readonly { body: unknown }[], marker: string): string[] {
  const request = [...requests].reverse().find((entry) => JSON.stringify(entry.body).includes(marker));
  assert.ok(request, `the fake received a request with "${marker}"`);
  const body = request.body as { tools?: { name?: string }[] };
  return (body.tools ?? []).map((tool) => String(tool.name));
}
