import type { JsonSchemaValidator } from '@rkat/contracts';
import { invalidOutputSchemaError } from './agent-error.js';
import {
  DEFAULT_EXTRACTION_PROMPT,
  DEFAULT_STRUCTURED_OUTPUT_RETRIES,
  runExtraction,
  type ExtractionOutcome,
} from './extraction.js';
import { baseRequest, runMainLoop, type MainLoopOutcome } from './main-loop.js';
import { compileOutputSchema, InvalidOutputSchemaError } from './output-schema.js';
import { ModelCallFailure } from './retry.js';
import {
  callModel,
  classifyFailure,
  createRunContext,
  interruption,
  watchDeadline,
  type RunContext,
} from './run-context.js';
import type { AgentRunOptions, AgentRunResult, OutputSchemaSpec } from './run-options.js';
import { notifyRunFailed, passHookPoint, promptText } from '../hooks/run-hooks.js';

function compileSchema(spec: OutputSchemaSpec): JsonSchemaValidator {
  try {
    return compileOutputSchema(spec);
  } catch (error) {
    if (error instanceof InvalidOutputSchemaError) throw invalidOutputSchemaError(error.reason, error);
    throw error;
  }
}

function baseResult(context: RunContext, main: MainLoopOutcome): AgentRunResult {
  return {
    text: main.text,
    turns: context.turns,
    toolCalls: context.toolCalls,
    usage: context.usage,
    ...(main.cause !== undefined ? { terminalCauseKind: main.cause } : {}),
    messages: [...context.writer.messages],
  };
}

async function extract(
  context: RunContext,
  spec: OutputSchemaSpec,
  validator: JsonSchemaValidator,
  mainText: string,
): Promise<ExtractionOutcome> {
  const { options, clock } = context;
  return runExtraction({
    transcript: [...options.history, ...context.writer.messages],
    spec,
    validator,
    retries: options.structuredOutputRetries ?? DEFAULT_STRUCTURED_OUTPUT_RETRIES,
    prompt: options.extractionPrompt ?? DEFAULT_EXTRACTION_PROMPT,
    mainText,
    nowMs: () => clock.now(),
    call: async (request) => {
      try {
        return await callModel(
          context,
          { ...baseRequest(context), ...request, tools: [], temperature: 0 },
          false,
        );
      } catch (error) {
        if (interruption(context) === 'time') {
          throw new ModelCallFailure(new Error('time budget exceeded'), 0, false);
        }
        throw error;
      }
    },
  });
}

async function finish(
  context: RunContext,
  main: MainLoopOutcome,
  validator: JsonSchemaValidator | undefined,
): Promise<AgentRunResult> {
  const { options, emit } = context;
  const sessionId = options.sessionId;
  const spec = options.outputSchema;
  const extracting = spec !== undefined && validator !== undefined && main.cause === undefined;
  await passHookPoint(context, { point: 'run_completed', turn_number: context.turns });
  emit({
    type: 'run_completed',
    session_id: sessionId,
    result: main.text,
    extraction_required: extracting,
    usage: context.usage,
    ...(main.cause !== undefined ? { terminal_cause_kind: main.cause } : {}),
  });
  if (!extracting) {
    const result = baseResult(context, main);
    if (spec !== undefined && main.cause !== undefined) {
      result.extractionError = {
        last_output: main.text,
        attempts: 0,
        reason: `extraction skipped: the run ended with ${main.cause}`,
      };
    }
    return result;
  }
  const outcome = await extract(context, spec, validator, main.text);
  await context.writer.flush(true);
  const result = baseResult(context, main);
  if (outcome.ok) {
    emit({
      type: 'extraction_succeeded',
      session_id: sessionId,
      structured_output: outcome.value,
      ...(outcome.schemaWarnings ? { schema_warnings: outcome.schemaWarnings } : {}),
    });
    result.structuredOutput = outcome.value;
    if (outcome.schemaWarnings) result.schemaWarnings = outcome.schemaWarnings;
  } else {
    emit({ type: 'extraction_failed', session_id: sessionId, ...outcome.error });
    result.extractionError = outcome.error;
  }
  return result;
}

/**
 * Runs one agent turn (01 §7.3, events in the order of 01 §8.2) on the given history and prompt.
 *
 * Emits `run_started` first and `run_completed` on success (then, with an output schema, the silent
 * extraction and `extraction_succeeded` / `extraction_failed`). Calls `options.commit` at every turn
 * boundary (00-decisions.md §16) and waits for it. A reached budget or `maxTurns` ends the run
 * successfully with `terminalCauseKind`.
 *
 * Fails by emitting `run_failed` and throwing an `AgentError`: class `cancelled` on interrupt through
 * `options.signal`, `llm` when a model call fails for good (`llm_failure` / `retry_exhausted`), `store`
 * when a commit is rejected, `invalid_output_schema` when the output schema does not compile, `hook` when
 * a foreground guardrail denies at one of the hook points (`options.hooks`, terminal cause `hook_denied`).
 */
export async function runAgent(options: AgentRunOptions): Promise<AgentRunResult> {
  const context = createRunContext(options);
  const deadline = watchDeadline(context);
  try {
    context.emit({ type: 'run_started', session_id: options.sessionId, prompt: options.prompt });
    try {
      await passHookPoint(context, { point: 'run_started', prompt: promptText(options.prompt) });
      const validator = options.outputSchema ? compileSchema(options.outputSchema) : undefined;
      const main = await runMainLoop(context);
      return await finish(context, main, validator);
    } catch (error) {
      const failure = classifyFailure(context, error);
      await notifyRunFailed(context, failure.message);
      context.emit({
        type: 'run_failed',
        session_id: options.sessionId,
        error_class: failure.errorClass,
        error: failure.message,
        ...(failure.terminalCauseKind !== undefined
          ? { terminal_cause_kind: failure.terminalCauseKind }
          : {}),
        error_report: failure.report,
      });
      throw failure;
    }
  } finally {
    context.scope.abort(new Error('run finished'));
    await deadline;
  }
}
