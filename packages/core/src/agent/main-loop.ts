import type { ToolDef, TurnTerminalCauseKind } from '@rkat/contracts';
import type { LlmRequest, LlmResponse } from '../ports/llm-client.js';
import { toolCallsOf } from '../transcript/assistant-content.js';
import { assistantMessage, toolResultsMessage, userMessage } from '../transcript/messages.js';
import { cancelledError } from './agent-error.js';
import { emitReplyEvents } from './reply-events.js';
import {
  callModel,
  DEFAULT_TOOL_TIMEOUT_MS,
  interruption,
  stopCause,
  type RunContext,
} from './run-context.js';
import { dispatchToolCalls } from './tool-dispatch.js';
import { DEFAULT_TOOL_OUTPUT_LIMIT_BYTES } from './tool-output-limit.js';

/** How the main loop ended: a final reply (`cause` undefined) or a limit. `text` is the last reply's text. */
export interface MainLoopOutcome {
  text: string;
  cause?: TurnTerminalCauseKind;
}

/** The request fields shared by every model call of a run. */
export function baseRequest(context: RunContext): Omit<LlmRequest, 'signal' | 'messages' | 'tools'> {
  const { options } = context;
  return {
    model: options.model,
    maxTokens: options.maxTokens,
    ...(options.systemPrompt !== undefined ? { systemPrompt: options.systemPrompt } : {}),
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.providerParams !== undefined ? { providerParams: options.providerParams } : {}),
  };
}

async function endByLimit(
  context: RunContext,
  text: string,
  cause: TurnTerminalCauseKind,
): Promise<MainLoopOutcome> {
  context.budget.observeTime(context.clock.now());
  await context.writer.flush(true);
  return { text, cause };
}

async function runTools(
  context: RunContext,
  response: LlmResponse,
  definitions: readonly ToolDef[],
): Promise<void> {
  const { options, emit, clock } = context;
  const calls = toolCallsOf(response.blocks);
  for (const call of calls)
    emit({ type: 'tool_call_requested', id: call.id, name: call.name, args: call.args });
  const results = await dispatchToolCalls(calls, {
    tools: options.tools,
    definitions,
    validator: context.validator,
    sessionId: options.sessionId,
    clock,
    signal: context.scope.signal,
    defaultTimeoutMs: options.toolTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS,
    outputLimitBytes: options.toolOutputLimitBytes ?? DEFAULT_TOOL_OUTPUT_LIMIT_BYTES,
    emit,
  });
  context.toolCalls += calls.length;
  context.budget.recordToolCalls(calls.length);
  context.writer.append(toolResultsMessage(results, clock.now()));
}

/**
 * The agent loop of 01 §7.3: call the model with the transcript, run the requested tools in parallel,
 * and repeat until a reply without tool calls, a budget or `maxTurns`. Commits after every assistant
 * reply (the first also carries the user message) and every `tool_results` message, so a tool call is
 * durable before it runs. Throws on failure; an interrupt while tools run commits their results first.
 */
export async function runMainLoop(context: RunContext): Promise<MainLoopOutcome> {
  const { options, emit, clock, writer } = context;
  writer.append(userMessage(options.prompt, clock.now()));
  let text = '';
  for (let turn = 0; ; turn += 1) {
    const limit = stopCause(context, turn);
    if (limit !== undefined) return endByLimit(context, text, limit);
    emit({ type: 'turn_started', turn_number: turn });
    const tools = options.tools.list();
    let response: LlmResponse;
    try {
      const messages = [...options.history, ...writer.messages];
      response = await callModel(context, { ...baseRequest(context), messages, tools }, true);
    } catch (error) {
      if (interruption(context) === 'time') return endByLimit(context, text, 'time_budget_exceeded');
      throw error;
    }
    text = emitReplyEvents(response.blocks, emit);
    writer.append(assistantMessage(response.blocks, response.stopReason, clock.now()));
    if (toolCallsOf(response.blocks).length === 0) {
      await writer.flush(options.outputSchema === undefined);
      emit({ type: 'turn_completed', stop_reason: response.stopReason, usage: response.usage });
      return { text };
    }
    await writer.flush(false);
    await runTools(context, response, tools);
    if (interruption(context) === 'cancelled') {
      await writer.flush(false);
      throw cancelledError();
    }
    const next = stopCause(context, turn + 1);
    await writer.flush(next !== undefined);
    if (next !== undefined) return { text, cause: next };
  }
}
