import { findLlmError, RuntimeError, TurnFailedError } from '@rkat/runtime';
import type { CliIo } from '../io.js';
import { CliError } from './cli-error.js';

/** Exit code for a missing API key (the message names the variable to set). */
export const EXIT_MISSING_CREDENTIALS = 2;
/** Exit code for every other failure. */
export const EXIT_FAILURE = 1;
/** Exit code after the user interrupted a run. */
export const EXIT_INTERRUPTED = 130;

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Prints a failure as one `error: <message>` line on stderr (no stack trace) and returns the exit code:
 * 2 for missing credentials, 130 after an interrupt, 1 otherwise. Unexpected errors show their stack only
 * when `RKAT_LOG=debug`.
 */
export function reportError(error: unknown, io: CliIo): number {
  if (error instanceof TurnFailedError && error.llmErrorKind === 'missing_credentials') {
    const llmError = findLlmError(error);
    io.stderr.write(`error: ${oneLine(llmError?.message ?? error.reason)}\n`);
    return EXIT_MISSING_CREDENTIALS;
  }
  if (error instanceof RuntimeError) {
    io.stderr.write(`error: ${oneLine(error.message)}\n`);
    return error.code === 'REQUEST_CANCELLED' ? EXIT_INTERRUPTED : EXIT_FAILURE;
  }
  if (error instanceof CliError) {
    io.stderr.write(`error: ${oneLine(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`error: ${oneLine(message)}\n`);
  if (io.env.RKAT_LOG === 'debug' && error instanceof Error && error.stack)
    io.stderr.write(`${error.stack}\n`);
  return EXIT_FAILURE;
}
