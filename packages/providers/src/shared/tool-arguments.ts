import { parseJson } from '@rkat/contracts';
import { ProviderFailure } from './provider-failure.js';

/**
 * Parses streamed tool-call arguments. Empty text means no arguments (`{}`). Anything that is not a JSON
 * object fails the call with `invalid_response` rather than running the tool with guessed arguments.
 */
export function parseToolArguments(name: string, text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const parsed = parseJson(text);
  if (
    parsed.ok &&
    typeof parsed.value === 'object' &&
    parsed.value !== null &&
    !Array.isArray(parsed.value)
  ) {
    return parsed.value as Record<string, unknown>;
  }
  throw new ProviderFailure({
    kind: 'invalid_response',
    message: `tool call ${name} has arguments that are not a JSON object`,
  });
}

/** Accepts an already-decoded arguments value when it is a plain object; anything else is `{}`. */
export function argumentsObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
