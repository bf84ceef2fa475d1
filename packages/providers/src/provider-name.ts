import type { ProviderName } from '@rkat/contracts';

const PROVIDER_NAMES: ReadonlySet<string> = new Set(['anthropic', 'openai', 'gemini', 'self_hosted']);

/**
 * Reads a provider name as it appears in requests and config. `open_a_i` (the original's spelling) is accepted
 * as `openai` (00-decisions.md §9). Returns undefined for anything else; we always write `openai`.
 */
export function parseProviderName(raw: string): ProviderName | undefined {
  if (raw === 'open_a_i') return 'openai';
  return PROVIDER_NAMES.has(raw) ? (raw as ProviderName) : undefined;
}
