import type { AgentEvent, TurnTerminalCauseKind, Usage } from '@rkat/contracts';
import { createAbortScope, type AbortScope } from '../abort/abort-scope.js';
import { systemClock } from '../clock/system-clock.js';
import type { Clock } from '../ports/clock.js';
import type { LlmRequest, LlmResponse } from '../ports/llm-client.js';
import { addUsage, emptyUsage, totalTokens } from '../usage/usage.js';
import { cancelledError, modelCallError, toAgentError, type AgentError } from './agent-error.js';
import { BoundaryWriter } from './boundary-writer.js';
import { BudgetTracker } from './budget.js';
import { streamModelCall } from './model-call.js';
import { callWithRetry, DEFAULT_RETRY_POLICY, ModelCallFailure } from './retry.js';
import type { AgentRunOptions } from './run-options.js';
import { ToolArgumentValidator } from './tool-arguments.js';

/** Default stall watchdog of a model stream (00-decisions.md §15). */
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 300_000;
/** Default timeout of one tool call when neither the tool source nor the options name one. */
export const DEFAULT_TOOL_TIMEOUT_MS = 600_000;

/** The mutable state of one run, shared by the loop's steps. */
export interface RunContext {
  readonly options: AgentRunOptions;
  readonly clock: Clock;
  readonly emit: (event: AgentEvent) => void;
  readonly budget: BudgetTracker;
  readonly writer: BoundaryWriter;
  /** Aborted by `options.signal`, by the time budget's deadline, and when the run ends. */
  readonly scope: AbortScope;
  /** Aborted when the time budget runs out. */
  readonly deadline: AbortScope;
  readonly validator: ToolArgumentValidator;
  turns: number;
  toolCalls: number;
  usage: Usage;
}

export function createRunContext(options: AgentRunOptions): RunContext {
  const clock = options.clock ?? systemClock;
  const emit = (event: AgentEvent): void => options.emit(event);
  const deadline = createAbortScope();
  return {
    options,
    clock,
    emit,
    budget: new BudgetTracker(options.budget, clock.now(), emit),
    writer: new BoundaryWriter((write) => options.commit(write)),
    scope: createAbortScope(options.signal, deadline.signal),
    deadline,
    validator: new ToolArgumentValidator(),
    turns: 0,
    toolCalls: 0,
    usage: emptyUsage(),
  };
}

/** Why the run's signal fired, if it did: an interrupt wins over the time budget. */
export function interruption(context: RunContext): 'cancelled' | 'time' | undefined {
  if (context.options.signal?.aborted) return 'cancelled';
  if (context.deadline.signal.aborted) return 'time';
  return undefined;
}

/** The budget or turn limit that ends the run before turn `nextTurn`, if any. */
export function stopCause(context: RunContext, nextTurn: number): TurnTerminalCauseKind | undefined {
  const reached = context.budget.reached(context.clock.now());
  if (reached !== undefined) return reached;
  if (context.deadline.signal.aborted) return 'time_budget_exceeded';
  const { maxTurns } = context.options;
  return maxTurns !== undefined && nextTurn >= maxTurns ? 'turn_limit_reached' : undefined;
}

/** Resolves when the time budget runs out (aborting `deadline`) or the run ends first. */
export async function watchDeadline(context: RunContext): Promise<void> {
  const deadlineMs = context.budget.deadlineMs;
  if (deadlineMs === undefined) return;
  try {
    await context.clock.sleep(Math.max(0, deadlineMs - context.clock.now()), context.scope.signal);
    context.deadline.abort(new Error('time budget exceeded'));
  } catch {
    // The run ended (or was interrupted) before the deadline.
  }
}

/**
 * One model call with the run's retry policy and stall watchdog; counts it in `turns`, usage and the
 * token budget. `loud` calls stream deltas as events; extraction calls are silent. Throws
 * `ModelCallFailure`, or the signal's reason when the run's signal aborted.
 */
export async function callModel(
  context: RunContext,
  request: Omit<LlmRequest, 'signal'>,
  loud: boolean,
): Promise<LlmResponse> {
  const { options, clock, emit, scope } = context;
  const response = await callWithRetry(
    () =>
      streamModelCall({
        llm: options.llm,
        request,
        signal: scope.signal,
        clock,
        idleTimeoutMs: options.retry?.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
        ...(loud ? { emit } : {}),
      }),
    { policy: options.retry ?? DEFAULT_RETRY_POLICY, clock, signal: scope.signal, emit },
  );
  context.turns += 1;
  context.usage = addUsage(context.usage, response.usage);
  context.writer.addUsage(response.usage);
  context.budget.recordTokens(totalTokens(response.usage));
  return response;
}

/** Maps anything thrown inside a run to the `AgentError` it fails with. */
export function classifyFailure(context: RunContext, error: unknown): AgentError {
  if (interruption(context) === 'cancelled') return cancelledError(error);
  if (error instanceof ModelCallFailure) return modelCallError(error.cause, error.retries, error.exhausted);
  return toAgentError(error);
}
