import { parseJson } from '@rkat/contracts';
import type { NeutralMessage } from './conversation.js';
import type { FakeStep } from './fake-step.js';
import { parseSteps } from './step-validation.js';

const TAG = /<fake>([\s\S]*?)<\/fake>/;

/** What the conversation asks of this call. */
export type ScriptSelection =
  /** No `<fake>` tag: answer `echo: <last user text>`. */
  | { kind: 'echo'; lastUserText: string }
  /** `step` is past the last scripted step when `stepDefinition` is undefined: answer `done`. */
  | { kind: 'script'; scriptKey: string; step: number; stepDefinition: FakeStep | undefined }
  | { kind: 'invalid'; error: string };

/** Counts maximal runs of assistant messages (one run = one assistant turn). */
function countAssistantTurns(messages: readonly NeutralMessage[]): number {
  let turns = 0;
  let previous: NeutralMessage['role'] | undefined;
  for (const message of messages) {
    if (message.role === 'assistant' && previous !== 'assistant') turns += 1;
    previous = message.role;
  }
  return turns;
}

/**
 * Finds the last user message holding a `<fake>` tag, parses its steps and picks the step for this call:
 * the number of assistant turns after that message.
 */
export function selectScriptStep(conversation: readonly NeutralMessage[]): ScriptSelection {
  for (let index = conversation.length - 1; index >= 0; index -= 1) {
    const message = conversation[index];
    if (message === undefined || message.role !== 'user') continue;
    const match = TAG.exec(message.text);
    if (match === null) continue;
    const scriptKey = match[1] ?? '';
    const parsed = parseJson(scriptKey);
    if (!parsed.ok) return { kind: 'invalid', error: `the <fake> script is not JSON: ${parsed.error}` };
    const steps = parseSteps(parsed.value);
    if (!steps.ok) return { kind: 'invalid', error: `invalid <fake> script: ${steps.error}` };
    const step = countAssistantTurns(conversation.slice(index + 1));
    return { kind: 'script', scriptKey, step, stepDefinition: steps.steps[step] };
  }
  const lastUser = [...conversation].reverse().find((message) => message.role === 'user');
  return { kind: 'echo', lastUserText: lastUser?.text ?? '' };
}

/** Attempts per (script, step) for the server's lifetime; `reset()` clears them. */
export class AttemptCounter {
  readonly #attempts = new Map<string, number>();

  /** Records one more attempt and returns its 1-based number. */
  next(scriptKey: string, step: number): number {
    const key = `${step}\u0000${scriptKey}`;
    const attempt = (this.#attempts.get(key) ?? 0) + 1;
    this.#attempts.set(key, attempt);
    return attempt;
  }

  reset(): void {
    this.#attempts.clear();
  }
}
