import type { AgentEvent, ContentBlock, ToolDef, ToolResult } from '@rkat/contracts';
import type { Clock } from '../ports/clock.js';
import type { ToolCall, ToolSource } from '../ports/tool-source.js';
import type { ToolArgumentValidator } from './tool-arguments.js';
import { executeToolCall } from './tool-execution.js';
import { limitToolOutcome } from './tool-output-limit.js';

export interface ToolDispatchOptions {
  tools: ToolSource;
  /** The tools offered to the model for this turn. */
  definitions: readonly ToolDef[];
  validator: ToolArgumentValidator;
  sessionId: string;
  clock: Clock;
  /** The run's signal: aborting it interrupts every unfinished call. */
  signal: AbortSignal;
  /** Timeout of a call whose tool names none. */
  defaultTimeoutMs: number;
  /** Bound of one result's text, in UTF-8 bytes (see `limitToolOutcome`). */
  outputLimitBytes: number;
  emit(event: AgentEvent): void;
}

function resultText(content: string | ContentBlock[]): string {
  if (typeof content === 'string') return content;
  return content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

function blocksOf(content: string | ContentBlock[]): { content?: ContentBlock[] } {
  return typeof content === 'string' || content.length === 0 ? {} : { content };
}

async function dispatchOne(call: ToolCall, options: ToolDispatchOptions): Promise<ToolResult> {
  const { emit, clock } = options;
  emit({ type: 'tool_execution_started', id: call.id, name: call.name });
  const startedAt = clock.now();
  const timeoutMs = options.tools.timeoutMs?.(call.name) ?? options.defaultTimeoutMs;
  const execution = await executeToolCall(call, {
    tools: options.tools,
    definition: options.definitions.find((tool) => tool.name === call.name),
    validator: options.validator,
    sessionId: options.sessionId,
    clock,
    signal: options.signal,
    timeoutMs,
  });
  // Bounded once here, so the events, the model and the transcript all carry the same bounded text.
  const { content, isError } = limitToolOutcome(execution.outcome, options.outputLimitBytes);
  if (execution.timedOut) {
    emit({ type: 'tool_execution_timed_out', id: call.id, name: call.name, timeout_ms: timeoutMs });
  }
  emit({
    type: 'tool_execution_completed',
    id: call.id,
    name: call.name,
    result: resultText(content),
    ...blocksOf(content),
    is_error: isError,
    duration_ms: Math.max(0, Math.round(clock.now() - startedAt)),
  });
  emit({
    type: 'tool_result_received',
    id: call.id,
    name: call.name,
    ...blocksOf(content),
    is_error: isError,
  });
  return { tool_use_id: call.id, content, is_error: isError };
}

/**
 * Runs the calls of one assistant reply in parallel and returns their results in call order. Per call it
 * emits `tool_execution_started`, then (`tool_execution_timed_out`,) `tool_execution_completed` and
 * `tool_result_received` when that call ends. Never throws: every failure is an error result. Each result's
 * text is bounded to `outputLimitBytes` (a cut one ends with a truncation marker).
 */
export async function dispatchToolCalls(
  calls: readonly ToolCall[],
  options: ToolDispatchOptions,
): Promise<ToolResult[]> {
  return Promise.all(calls.map((call) => dispatchOne(call, options)));
}
