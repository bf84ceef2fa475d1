import type { ToolDef, TurnTerminalCauseKind } from '@rkat/contracts';
import type { LlmRequest, LlmResponse } from '../ports/llm-client.js';
import { assistantText, toolCallsOf } from '../transcript/assistant-content.js';
import type { HookLlmRequest } from '../hooks/hook-gate.js';
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
import { passHookPoint } from '../hooks/run-hooks.js';
import { passToolHooks, postToolInvocation } from '../hooks/tool-hooks.js';
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

function hookRequest(context: RunContext, messageCount: number): HookLlmRequest {
  const { options } = context;
  return {
    max_tokens: options.maxTokens,
    message_count: messageCount,
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.providerParams !== undefined ? { provider_params: options.providerParams } : {}),
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
  await passToolHooks(
    context,
    calls.map((call) => ({
      point: 'pre_tool_execution' as const,
      tool_call: { tool_use_id: call.id, name: call.name, args: call.args },
    })),
  );
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
  try {
    await passToolHooks(
      context,
      results.map((result, index) => postToolInvocation(result, calls[index]?.name ?? '')),
    );
  } catch (error) {
    // The tools did run: their results are durable before a post-tool deny ends the run.
    await context.writer.flush(false);
    throw error;
  }
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
    const messages = [...options.history, ...writer.messages];
    await passHookPoint(context, {
      point: 'pre_llm_request',
      turn_number: turn,
      llm_request: hookRequest(context, messages.length),
    });
    let response: LlmResponse;
    try {
      response = await callModel(context, { ...baseRequest(context), messages, tools }, true);
    } catch (error) {
      if (interruption(context) === 'time') return endByLimit(context, text, 'time_budget_exceeded');
      throw error;
    }
    await passHookPoint(context, {
      point: 'post_llm_response',
      turn_number: turn,
      llm_response: {
        assistant_text: assistantText(response.blocks),
        tool_call_names: toolCallsOf(response.blocks).map((call) => call.name),
        stop_reason: response.stopReason,
        usage: response.usage,
      },
    });
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
    try {
      await passHookPoint(context, { point: 'turn_boundary', turn_number: turn });
    } catch (error) {
      await writer.flush(false);
      throw error;
    }
    const next = stopCause(context, turn + 1);
    await writer.flush(next !== undefined);
    if (next !== undefined) return { text, cause: next };
  }
}
