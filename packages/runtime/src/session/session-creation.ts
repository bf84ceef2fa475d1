import { v7 as uuidv7 } from 'uuid';
import type { SessionMessage } from '@rkat/contracts';
import type { SessionRecord } from '@rkat/core';
import { resolveModelIdentity, type ModelIdentity } from './model-identity.js';
import type { ServiceContext } from './service-context.js';
import { assertCapacity } from './session-capacity.js';
import { validateLabels } from './session-metadata.js';
import type { CreateSessionOptions } from './session-options.js';
import type { SessionSettings } from './session-settings.js';
import { lastAssistantText } from './session-views.js';
import { buildSessionSettings } from './settings-builder.js';
import type { LoadedSession } from './turn-execution.js';

export interface NewSessionSpec {
  identity: ModelIdentity;
  settings: SessionSettings;
  labels: Record<string, string>;
  /** Never run (a create); a fork with a transcript is not pending. */
  pending: boolean;
  messages?: SessionMessage[];
}

/**
 * Persists a new session (after the capacity check) and keeps it in memory. Throws `INTERNAL_ERROR`
 * `agent error: Internal error: Max sessions reached (…)` when the realm is full, or the store's error.
 */
export async function persistNewSession(
  context: ServiceContext,
  spec: NewSessionSpec,
): Promise<LoadedSession> {
  assertCapacity(context.registry.liveCount, context.options.currentConfig());
  const nowMs = context.now();
  const messages = spec.messages ?? [];
  const text = lastAssistantText(messages);
  const record: SessionRecord = {
    sessionId: uuidv7(),
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    model: spec.identity.model,
    provider: spec.identity.provider,
    labels: spec.labels,
    archived: false,
    pending: spec.pending,
    settings: spec.settings as Record<string, unknown>,
    usage: { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 },
    messageCount: messages.length,
    ...(text !== undefined ? { lastAssistantText: text } : {}),
  };
  await context.options.store.createSession(record, messages);
  const session: LoadedSession = { record, settings: spec.settings, history: [...messages] };
  context.registry.remember(session);
  return session;
}

/**
 * Validates create options (01 §6.1) and persists the session as pending (never run). Throws
 * `RuntimeError('INVALID_PARAMS')` for an unknown or conflicting provider, a reserved label or
 * `app_context` key, an invalid output schema or tool filter, `keep_alive` without `comms_name`, bad
 * limits; `INTERNAL_ERROR` when the realm is full.
 */
export async function createPendingSession(
  context: ServiceContext,
  options: CreateSessionOptions,
): Promise<LoadedSession> {
  const config = context.options.currentConfig();
  const identity = resolveModelIdentity(options, config.agent.model, context.options.providers);
  const labels = validateLabels(options.labels);
  const settings = buildSessionSettings(options, config);
  return persistNewSession(context, { identity, settings, labels, pending: true });
}
