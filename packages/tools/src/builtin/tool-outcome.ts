import type { ToolOutcome } from '@rkat/core';

/** A successful outcome whose content is `value` as JSON text, the way the original's tools answer. */
export function jsonOutcome(value: unknown): ToolOutcome {
  return { content: JSON.stringify(value), isError: false };
}
