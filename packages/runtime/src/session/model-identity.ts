import type { LlmClient } from '@rkat/core';
import type { ProviderName, ResolvedModelCapabilities } from '@rkat/contracts';
import { RuntimeError } from '../errors/runtime-error.js';

/** A session's durable LLM identity. `other` is an uncatalogued model without a provider; it fails at run time. */
export interface ModelIdentity {
  model: string;
  provider: ProviderName | 'other';
}

/** What the session service needs from the provider layer (the catalog and the client factory). */
export interface ProviderBindings {
  /** The catalog owner of `modelId` (self-hosted aliases included), or undefined when uncatalogued. */
  inferProvider(modelId: string): ProviderName | undefined;
  /** A provider name as a request spells it (`open_a_i` is an alias of `openai`), or undefined if unknown. */
  parseProviderName(raw: string): ProviderName | undefined;
  /** The default model of a provider: the realm's `[models]` entry, else the catalog default. */
  defaultModel(provider: ProviderName): string | undefined;
  /** Builds the client for one run. Missing credentials surface at the first call (`missing_credentials`). */
  createClient(identity: { provider: ProviderName; model: string }): LlmClient;
  /** What a catalogued model can do (`session/read` `resolved_capabilities`); undefined when uncatalogued. */
  modelCapabilities?(modelId: string): ResolvedModelCapabilities | undefined;
}

export interface IdentityRequest {
  model?: string | null;
  provider?: string | null;
}

/**
 * Resolves the model and provider of a session (01 §6.1): an explicit provider must be known; the model is
 * the request's, else the explicit provider's default, else the realm default model. The provider is the
 * explicit one, else the catalog owner, else `other`. An explicit provider that conflicts with the catalog
 * owner fails. Throws `RuntimeError('INVALID_PARAMS')`.
 */
export function resolveModelIdentity(
  request: IdentityRequest,
  realmDefaultModel: string,
  bindings: ProviderBindings,
): ModelIdentity {
  let explicit: ProviderName | undefined;
  if (request.provider != null) {
    explicit = bindings.parseProviderName(request.provider);
    if (!explicit) {
      throw new RuntimeError(
        'INVALID_PARAMS',
        `unknown provider '${request.provider}' (expected anthropic, openai, gemini, or self_hosted)`,
      );
    }
  }
  if (request.model === '') throw new RuntimeError('INVALID_PARAMS', 'model must not be empty');
  const model =
    request.model ?? (explicit ? bindings.defaultModel(explicit) : undefined) ?? realmDefaultModel;
  const owner = bindings.inferProvider(model);
  if (explicit && owner && owner !== explicit) {
    throw new RuntimeError(
      'INVALID_PARAMS',
      `model '${model}' belongs to provider '${owner}', which conflicts with provider '${explicit}'`,
    );
  }
  return { model, provider: explicit ?? owner ?? 'other' };
}

const STORED_PROVIDERS: ReadonlySet<string> = new Set([
  'anthropic',
  'openai',
  'gemini',
  'self_hosted',
  'other',
]);

/** Reads a stored session's identity; an unknown provider fails closed with `RuntimeError('INTERNAL_ERROR')`. */
export function parseStoredIdentity(
  sessionId: string,
  record: { model: string; provider: string },
): ModelIdentity {
  if (!STORED_PROVIDERS.has(record.provider) || record.model === '') {
    throw new RuntimeError(
      'INTERNAL_ERROR',
      `stored session ${sessionId} has an unreadable model identity (${record.provider}/${record.model})`,
    );
  }
  return { model: record.model, provider: record.provider as ModelIdentity['provider'] };
}
