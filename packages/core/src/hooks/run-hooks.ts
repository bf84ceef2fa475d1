import type { ContentInput } from '@rkat/contracts';
import type { RunContext } from '../agent/run-context.js';
import type { HookInvocation } from './hook-gate.js';
import { hookDeniedError } from './hook-errors.js';

/**
 * Runs the hooks of one point through the run's `HookGate`, if any, and throws the hook-denied
 * `AgentError` when a foreground guardrail denies.
 */
export async function passHookPoint(
  context: RunContext,
  invocation: Omit<HookInvocation, 'session_id'>,
): Promise<void> {
  const gate = context.options.hooks;
  if (gate === undefined) return;
  const denial = await gate.run(
    { ...invocation, session_id: context.options.sessionId },
    { emit: context.emit, signal: context.scope.signal },
  );
  if (denial !== undefined) throw hookDeniedError(denial);
}

/** The `run_failed` point: observers learn the error; a deny cannot change a run that already failed. */
export async function notifyRunFailed(context: RunContext, error: string): Promise<void> {
  const gate = context.options.hooks;
  if (gate === undefined) return;
  try {
    // Not the run's signal: it is already aborted when the run was interrupted.
    await gate.run(
      { point: 'run_failed', session_id: context.options.sessionId, turn_number: context.turns, error },
      { emit: context.emit },
    );
  } catch {
    // An invalid hook configuration already failed the run at its first point.
  }
}

/** The text of a prompt, as hooks see it (`prompt` is a string in the invocation). */
export function promptText(prompt: ContentInput): string {
  if (typeof prompt === 'string') return prompt;
  return prompt.map((block) => (block.type === 'text' ? block.text : '')).join('');
}
