import type { ToolDef } from '@rkat/contracts';
import type { Clock } from '../ports/clock.js';
import type { ToolCall, ToolOutcome, ToolSource } from '../ports/tool-source.js';
import { createAbortScope } from '../abort/abort-scope.js';
import type { ToolArgumentValidator } from './tool-arguments.js';

/** The error result of a call that was still running when the run stopped. */
export const INTERRUPTED_RESULT = 'interrupted: the run stopped before this tool call finished';

export interface ToolExecutionContext {
  tools: ToolSource;
  /** The tool's definition as offered to the model; `undefined` for an unknown tool. */
  definition: ToolDef | undefined;
  validator: ToolArgumentValidator;
  sessionId: string;
  clock: Clock;
  /** The run's signal (interrupt, time budget). */
  signal: AbortSignal;
  timeoutMs: number;
}

/** How one call ended. `timedOut` is set when its timeout expired; `interrupted` when the run stopped. */
export interface ToolExecution {
  outcome: ToolOutcome;
  timedOut: boolean;
  interrupted: boolean;
}

type Interruption = 'timed_out' | 'interrupted';

function failure(content: string, flags: Partial<ToolExecution> = {}): ToolExecution {
  return { outcome: { content, isError: true }, timedOut: false, interrupted: false, ...flags };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one tool call and never throws: an unknown tool, arguments that violate the tool's schema, a
 * throw or rejection, a timeout and an interruption all become error outcomes. On timeout the call's
 * signal is aborted and a late resolution is ignored.
 */
export async function executeToolCall(call: ToolCall, context: ToolExecutionContext): Promise<ToolExecution> {
  const { definition } = context;
  if (definition === undefined) return failure(`unknown tool: ${call.name}`);
  const problem = context.validator.problem(definition, call.args);
  if (problem !== undefined) return failure(`invalid arguments for tool ${call.name}: ${problem}`);
  if (context.signal.aborted) return failure(INTERRUPTED_RESULT, { interrupted: true });

  const scope = createAbortScope(context.signal);
  let rejected = false;
  const running = Promise.resolve()
    .then(() => context.tools.execute(call, { sessionId: context.sessionId, signal: scope.signal }))
    .then(
      (outcome): ToolExecution => ({ outcome, timedOut: false, interrupted: false }),
      (error: unknown): ToolExecution => {
        rejected = true;
        return failure(`tool ${call.name} failed: ${describe(error)}`);
      },
    );
  const timer = createAbortScope(scope.signal);
  const deadline = context.clock.sleep(context.timeoutMs, timer.signal).then(
    (): Interruption => 'timed_out',
    (): Interruption => 'interrupted',
  );
  try {
    const first = await Promise.race([running, deadline]);
    if (first === 'timed_out') {
      scope.abort(new Error(`tool ${call.name} timed out after ${context.timeoutMs} ms`));
      return failure(`tool ${call.name} timed out after ${context.timeoutMs} ms`, { timedOut: true });
    }
    // A tool that rejects because the run was interrupted reports the interruption, not its own error.
    if (first === 'interrupted' || (rejected && context.signal.aborted)) {
      return failure(INTERRUPTED_RESULT, { interrupted: true });
    }
    return first;
  } finally {
    timer.abort();
  }
}
