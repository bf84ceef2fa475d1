import { LlmError } from '@rkat/core';
import type { ProviderName } from '@rkat/contracts';

/** An environment to read credentials from; `process.env` by default. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/** Providers whose base URL can be overridden from the environment (00-decisions.md §13). */
export type HostedProvider = 'anthropic' | 'openai' | 'gemini';

/** Variables holding each provider's API key, highest precedence first (00-decisions.md §14). */
export const API_KEY_VARIABLES: Readonly<Record<ProviderName, readonly string[]>> = {
  anthropic: ['RKAT_ANTHROPIC_API_KEY', 'ANTHROPIC_API_KEY'],
  openai: ['RKAT_OPENAI_API_KEY', 'OPENAI_API_KEY'],
  gemini: ['RKAT_GEMINI_API_KEY', 'GEMINI_API_KEY', 'RKAT_GOOGLE_API_KEY', 'GOOGLE_API_KEY'],
  self_hosted: ['RKAT_SELF_HOSTED_API_KEY'],
};

/** Default base URLs: Anthropic and Gemini are host roots; OpenAI includes `/v1` (00-decisions.md §13). */
export const DEFAULT_BASE_URLS: Readonly<Record<HostedProvider, string>> = {
  anthropic: 'https://api.anthropic.com',
  openai: 'https://api.openai.com/v1',
  gemini: 'https://generativelanguage.googleapis.com',
};

const BASE_URL_VARIABLES: Readonly<Record<HostedProvider, readonly string[]>> = {
  anthropic: ['RKAT_ANTHROPIC_BASE_URL', 'ANTHROPIC_BASE_URL'],
  openai: ['RKAT_OPENAI_BASE_URL', 'OPENAI_BASE_URL'],
  gemini: ['RKAT_GEMINI_BASE_URL', 'GEMINI_BASE_URL'],
};

function firstSet(env: EnvRecord, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** The API key for a provider, by precedence; empty values count as unset. */
export function resolveApiKey(provider: ProviderName, env: EnvRecord = process.env): string | undefined {
  return firstSet(env, API_KEY_VARIABLES[provider]);
}

/** `missing API key for anthropic: set ANTHROPIC_API_KEY (or RKAT_ANTHROPIC_API_KEY)`. */
export function missingKeyMessage(provider: ProviderName): string {
  const names = API_KEY_VARIABLES[provider];
  const primary = names.find((name) => !name.startsWith('RKAT_')) ?? names[0] ?? '';
  const others = names.filter((name) => name !== primary);
  return `missing API key for ${provider}: set ${primary}${others.length > 0 ? ` (or ${others.join(', ')})` : ''}`;
}

/** The API key for a provider; throws `LlmError` kind `missing_credentials` naming the variable to set. */
export function requireApiKey(provider: ProviderName, env: EnvRecord = process.env, model?: string): string {
  const key = resolveApiKey(provider, env);
  if (key) return key;
  throw new LlmError(missingKeyMessage(provider), {
    kind: 'missing_credentials',
    provider,
    ...(model !== undefined ? { model } : {}),
  });
}

/** The base URL for a provider: `RKAT_X_BASE_URL`, then `X_BASE_URL`, then the default; no trailing slash. */
export function resolveBaseUrl(provider: HostedProvider, env: EnvRecord = process.env): string {
  return (firstSet(env, BASE_URL_VARIABLES[provider]) ?? DEFAULT_BASE_URLS[provider]).replace(/\/+$/, '');
}
