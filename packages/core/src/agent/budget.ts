import type { AgentEvent, BudgetType, TurnTerminalCauseKind } from '@rkat/contracts';
import type { RunBudget } from './run-options.js';

/** Default fraction of a budget at which the first `budget_warning` fires. */
export const DEFAULT_BUDGET_WARNING_THRESHOLD = 0.8;

interface Dimension {
  type: BudgetType;
  limit: number;
  cause: TurnTerminalCauseKind;
  warnedThreshold: boolean;
  warnedFull: boolean;
}

/**
 * Tracks the run's budgets (01 §7.3): tokens (input + output), time since run start and tool calls.
 * Emits `budget_warning` once when a budget crosses the warning threshold (percent = used / limit) and
 * once when it is reached (percent = 1.0), per budget type.
 */
export class BudgetTracker {
  readonly #emit: (event: AgentEvent) => void;
  readonly #threshold: number;
  readonly #startedAtMs: number;
  readonly #dimensions: Map<BudgetType, Dimension> = new Map();
  #tokens = 0;
  #toolCalls = 0;

  constructor(budget: RunBudget | undefined, startedAtMs: number, emit: (event: AgentEvent) => void) {
    this.#emit = emit;
    this.#startedAtMs = startedAtMs;
    this.#threshold = budget?.warningThreshold ?? DEFAULT_BUDGET_WARNING_THRESHOLD;
    const add = (type: BudgetType, limit: number | undefined, cause: TurnTerminalCauseKind): void => {
      if (limit !== undefined) {
        this.#dimensions.set(type, { type, limit, cause, warnedThreshold: false, warnedFull: false });
      }
    };
    add('tokens', budget?.maxTokens, 'budget_exhausted');
    add('time', budget?.maxDurationMs, 'time_budget_exceeded');
    add('tool_calls', budget?.maxToolCalls, 'budget_exhausted');
  }

  /** Epoch milliseconds at which the time budget runs out, if there is one. */
  get deadlineMs(): number | undefined {
    const time = this.#dimensions.get('time');
    return time === undefined ? undefined : this.#startedAtMs + time.limit;
  }

  recordTokens(tokens: number): void {
    this.#tokens += tokens;
    this.#observe('tokens', this.#tokens);
  }

  recordToolCalls(count: number): void {
    this.#toolCalls += count;
    this.#observe('tool_calls', this.#toolCalls);
  }

  /** Emits any due time warning for the given moment. */
  observeTime(nowMs: number): void {
    this.#observe('time', nowMs - this.#startedAtMs);
  }

  /** The terminal cause of the first reached budget (tokens, then time, then tool calls), if any. */
  reached(nowMs: number): TurnTerminalCauseKind | undefined {
    this.#observe('tokens', this.#tokens);
    this.observeTime(nowMs);
    this.#observe('tool_calls', this.#toolCalls);
    const used: Record<BudgetType, number> = {
      tokens: this.#tokens,
      time: nowMs - this.#startedAtMs,
      tool_calls: this.#toolCalls,
    };
    for (const dimension of this.#dimensions.values()) {
      if (used[dimension.type] >= dimension.limit) return dimension.cause;
    }
    return undefined;
  }

  #observe(type: BudgetType, used: number): void {
    const dimension = this.#dimensions.get(type);
    if (dimension === undefined) return;
    const { limit } = dimension;
    if (!dimension.warnedThreshold && used >= limit * this.#threshold) {
      dimension.warnedThreshold = true;
      this.#emit({
        type: 'budget_warning',
        budget_type: type,
        used,
        limit,
        percent: limit > 0 ? used / limit : 1,
      });
    }
    if (!dimension.warnedFull && used >= limit) {
      dimension.warnedFull = true;
      this.#emit({ type: 'budget_warning', budget_type: type, used, limit, percent: 1 });
    }
  }
}
