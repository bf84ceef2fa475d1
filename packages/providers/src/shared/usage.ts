import type { Usage } from '@rkat/contracts';

/** A provider token count as a non-negative integer; anything unreadable is 0. */
export function tokenCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** A cache token count, or null when the provider did not report one. */
export function optionalTokenCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
}

/** Usage of a call that reported nothing. */
export function emptyUsage(): Usage {
  return { input_tokens: 0, output_tokens: 0, cache_creation_tokens: null, cache_read_tokens: null };
}
