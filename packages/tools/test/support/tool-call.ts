import type { ToolOutcome } from '@rkat/core';
import { BuiltinToolSource, type BuiltinTool } from '../../src/index.js';

const context = (signal?: AbortSignal): { sessionId: string; signal: AbortSignal } => ({
  sessionId: 'session-1',
  signal: signal ?? new AbortController().signal,
});

/** Calls `name` through a `BuiltinToolSource`, so arguments are schema-checked as in a session. */
export async function callTool(
  tools: readonly BuiltinTool[],
  name: string,
  args: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<ToolOutcome> {
  return new BuiltinToolSource(tools).execute({ id: 'call-1', name, args }, context(signal));
}

/** The JSON of a successful text outcome; fails the test on an error outcome. */
export function jsonOf<T = Record<string, unknown>>(outcome: ToolOutcome): T {
  if (outcome.isError) throw new Error(`tool failed: ${JSON.stringify(outcome.content)}`);
  if (typeof outcome.content !== 'string') throw new Error('expected text content');
  return JSON.parse(outcome.content) as T;
}

/** The message of an error outcome; fails the test on success. */
export function errorOf(outcome: ToolOutcome): string {
  if (!outcome.isError) throw new Error(`expected an error, got ${JSON.stringify(outcome.content)}`);
  return String(outcome.content);
}
