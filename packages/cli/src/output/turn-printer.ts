import type { AgentEvent, WireRunResult } from '@rkat/contracts';
import type { CliIo } from '../io.js';

const MAX_ARGS_CHARS = 200;

function compact(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  return text.length > MAX_ARGS_CHARS ? `${text.slice(0, MAX_ARGS_CHARS - 1)}…` : text;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > MAX_ARGS_CHARS ? `${line.slice(0, MAX_ARGS_CHARS - 1)}…` : line;
}

/**
 * Renders a run for a terminal: text deltas go to stdout as they arrive; tool calls, their outcome and
 * retries go to stderr (`⚙ name(args)`, then `✓ name` or `✗ name: reason`). With `streamText: false`
 * (`--json`) stdout is left for the final JSON.
 */
export class TurnPrinter {
  private streamedText = false;
  private atLineStart = true;

  constructor(
    private readonly io: CliIo,
    private readonly streamText: boolean,
  ) {}

  readonly onEvent = (event: AgentEvent): void => {
    switch (event.type) {
      case 'text_delta':
        if (this.streamText && event.delta !== '') {
          this.io.stdout.write(event.delta);
          this.streamedText = true;
          this.atLineStart = event.delta.endsWith('\n');
        }
        break;
      case 'tool_call_requested':
        this.endTextLine();
        this.io.stderr.write(`⚙ ${event.name}(${compact(event.args)})\n`);
        break;
      case 'tool_execution_completed':
        this.io.stderr.write(
          event.is_error ? `✗ ${event.name}: ${firstLine(event.result)}\n` : `✓ ${event.name}\n`,
        );
        break;
      case 'retrying':
        this.io.stderr.write(
          `↻ retrying (${event.attempt}/${event.max_attempts}): ${firstLine(event.error)}\n`,
        );
        break;
      default:
        break;
    }
  };

  /** Ends the text block and prints what the stream did not show: the text if none streamed, structured output. */
  finish(result: WireRunResult): void {
    if (!this.streamText) return;
    if (!this.streamedText && result.text !== '') {
      this.io.stdout.write(result.text);
      this.atLineStart = result.text.endsWith('\n');
    }
    if (!this.atLineStart) this.io.stdout.write('\n');
    this.atLineStart = true;
    if (result.structured_output !== undefined) {
      this.io.stdout.write(`${JSON.stringify(result.structured_output, null, 2)}\n`);
    }
    if (result.extraction_error) {
      this.io.stderr.write(
        `warning: structured output extraction failed: ${firstLine(result.extraction_error.reason)}\n`,
      );
    }
  }

  /** Closes an unfinished text line after a failure, so the error starts on its own line. */
  abandon(): void {
    this.endTextLine();
  }

  private endTextLine(): void {
    if (this.streamText && !this.atLineStart) this.io.stdout.write('\n');
    this.atLineStart = true;
  }
}
