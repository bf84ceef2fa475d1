import type { SessionMessage } from '@rkat/contracts';
import { RuntimeError } from '../errors/runtime-error.js';
import { parseStoredIdentity } from './model-identity.js';
import { sessionRef } from './run-result.js';
import type { ServiceContext } from './service-context.js';
import { persistNewSession } from './session-creation.js';
import { parseSessionSettings } from './session-settings.js';
import { applyReplacement, parseReplacement } from './transcript-replacement.js';

/** The result of `session/fork_at` and `session/fork_replace` (01 §6.6). */
export interface SessionForkResult {
  source_session_id: string;
  session_id: string;
  message_count: number;
  session_ref: string;
}

/** What a fork does while the source runs; only `reject` exists. */
export type ForkRunningBehavior = 'reject';

export interface ForkRequest {
  sessionId: string;
  messageIndex: number;
  runningBehavior?: ForkRunningBehavior | null;
  /** `fork_replace` only: checked by `parseReplacement`. */
  replacement?: unknown;
}

function invalid(message: string): RuntimeError {
  return new RuntimeError('INVALID_PARAMS', message);
}

function checkIndex(index: number, count: number, inclusive: boolean): void {
  const max = inclusive ? count : count - 1;
  if (!Number.isSafeInteger(index) || index < 0 || index > max) {
    throw invalid(
      `message_index ${String(index)} is out of range: the session has ${count} messages` +
        (inclusive ? '' : ` (valid: 0..${Math.max(0, count - 1)})`),
    );
  }
}

function forkedTranscript(messages: SessionMessage[], request: ForkRequest): SessionMessage[] {
  if (request.replacement === undefined) {
    checkIndex(request.messageIndex, messages.length, true);
    return messages.slice(0, request.messageIndex);
  }
  const replacement = parseReplacement(request.replacement);
  checkIndex(request.messageIndex, messages.length, false);
  const prefix = messages.slice(0, request.messageIndex + 1);
  const target = prefix[request.messageIndex] as SessionMessage;
  prefix[request.messageIndex] = applyReplacement(target, request.messageIndex, replacement);
  return prefix;
}

/**
 * Creates a new idle session from a prefix of another's committed transcript (01 §6.6): `fork_at` keeps
 * messages `[0, message_index)`; `fork_replace` keeps `[0, message_index]` with the addressed item
 * replaced. The fork copies the source's model, provider, settings and labels. Throws `SESSION_NOT_FOUND`
 * (unknown or archived source), `SESSION_BUSY` (the source is running), `INVALID_PARAMS` (bad index,
 * replacement or `running_behavior`) or `INTERNAL_ERROR` (realm full).
 */
export async function forkSession(context: ServiceContext, request: ForkRequest): Promise<SessionForkResult> {
  const { sessionId } = request;
  if (request.runningBehavior != null && request.runningBehavior !== 'reject') {
    throw invalid(`Invalid running_behavior '${String(request.runningBehavior)}': expected reject`);
  }
  const source = await context.registry.activeRecord(sessionId);
  if (context.registry.claimOf(sessionId)) {
    throw new RuntimeError('SESSION_BUSY', `session is busy: ${sessionId}`);
  }
  const messages = forkedTranscript(await context.options.store.readMessages(sessionId), request);
  const settings = { ...parseSessionSettings(sessionId, source.settings) };
  delete settings.staged_prompt;
  delete settings.skill_refs;
  const fork = await persistNewSession(context, {
    identity: parseStoredIdentity(sessionId, source),
    settings,
    labels: { ...source.labels },
    pending: false,
    messages,
  });
  const forkId = fork.record.sessionId;
  return {
    source_session_id: sessionId,
    session_id: forkId,
    message_count: messages.length,
    session_ref: sessionRef(context.realmId, forkId),
  };
}
