import {
  formatIssues,
  parseJson,
  type ExtractionError,
  type JsonSchemaValidator,
  type SchemaWarning,
  type SessionMessage,
} from '@rkat/contracts';
import type { LlmRequest, LlmResponse } from '../ports/llm-client.js';
import { assistantMessage, userMessage } from '../transcript/messages.js';
import { assistantText } from '../transcript/assistant-content.js';
import { ModelCallFailure } from './retry.js';
import type { OutputSchemaSpec } from './run-options.js';

/** The original Meerkat's default extraction prompt (`agent.extraction_prompt` overrides it). */
export const DEFAULT_EXTRACTION_PROMPT =
  'Provide the final output as valid JSON matching the required schema. ' +
  'Output ONLY the JSON, no additional text or markdown formatting.';

/** Default number of extraction retries after the first attempt (01 §9). */
export const DEFAULT_STRUCTURED_OUTPUT_RETRIES = 2;

export interface ExtractionOptions {
  /** The transcript the extraction continues: history plus this run's messages. */
  transcript: readonly SessionMessage[];
  spec: OutputSchemaSpec;
  validator: JsonSchemaValidator;
  retries: number;
  prompt: string;
  /** The main run's final text; reported as `last_output` when no extraction reply arrived. */
  mainText: string;
  nowMs(): number;
  /** Runs one silent model call with retries. Throws `ModelCallFailure`, or anything else to abort. */
  call(request: Pick<LlmRequest, 'messages' | 'outputFormat'>): Promise<LlmResponse>;
}

export type ExtractionOutcome =
  | { ok: true; value: unknown; attempts: number; schemaWarnings?: SchemaWarning[] }
  | { ok: false; error: ExtractionError };

/** Removes a surrounding ```json (or ```) fence that models add despite being asked not to. */
export function stripCodeFences(text: string): string {
  const trimmed = text.trim();
  const opening = trimmed.startsWith('```json') ? 7 : trimmed.startsWith('```') ? 3 : -1;
  if (opening < 0) return trimmed;
  const body = trimmed.slice(opening).trim();
  return (body.endsWith('```') ? body.slice(0, -3) : body).trim();
}

function check(
  text: string,
  validator: JsonSchemaValidator,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  const parsed = parseJson(stripCodeFences(text));
  if (!parsed.ok) return { ok: false, reason: `Invalid JSON: ${parsed.error}` };
  const validated = validator.validate(parsed.value);
  if (!validated.ok)
    return { ok: false, reason: `Schema validation failed: ${formatIssues(validated.issues)}` };
  return { ok: true, value: parsed.value };
}

/**
 * The structured-output extraction of 01 §9: asks the model (no tools, temperature 0, `outputFormat`
 * set by the caller) for JSON, validates it, and retries with feedback up to `retries` times. The
 * attempts run on a scratch copy of the transcript and are never appended to the session.
 * A model failure ends the extraction as failed; an interrupt propagates.
 */
export async function runExtraction(options: ExtractionOptions): Promise<ExtractionOutcome> {
  const scratch: SessionMessage[] = [...options.transcript];
  const outputFormat = { schema: options.spec.schema, name: options.spec.name, strict: options.spec.strict };
  let prompt = options.prompt;
  let lastOutput = options.mainText;
  let reason = 'no extraction attempt was made';
  let schemaWarnings: SchemaWarning[] | undefined;
  const maxAttempts = options.retries + 1;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    scratch.push(userMessage(prompt, options.nowMs()));
    let response: LlmResponse;
    try {
      response = await options.call({ messages: [...scratch], outputFormat });
    } catch (error) {
      if (!(error instanceof ModelCallFailure)) throw error;
      return { ok: false, error: { last_output: lastOutput, attempts: attempt, reason: error.message } };
    }
    schemaWarnings = response.schemaWarnings ?? schemaWarnings;
    scratch.push(assistantMessage(response.blocks, response.stopReason, options.nowMs()));
    lastOutput = assistantText(response.blocks);
    const result = check(lastOutput, options.validator);
    if (result.ok) {
      return {
        ok: true,
        value: result.value,
        attempts: attempt,
        ...(schemaWarnings && schemaWarnings.length > 0 ? { schemaWarnings } : {}),
      };
    }
    reason = result.reason;
    prompt =
      `The previous output was invalid: ${reason}. ` +
      'Please provide valid JSON matching the schema. Output ONLY the JSON, no additional text.';
  }
  return { ok: false, error: { last_output: lastOutput, attempts: maxAttempts, reason } };
}
