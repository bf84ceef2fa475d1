import { v7 as uuidv7 } from 'uuid';
import type {
  AgentEvent,
  ContentInput,
  ProviderName,
  SessionMessage,
  SystemNoticeKind,
  WireRunResult,
} from '@rkat/contracts';
import {
  repairDanglingToolCalls,
  runAgent,
  timestamp,
  type AgentRunOptions,
  type Clock,
  type LlmClient,
  type SessionStore,
  type ToolSource,
} from '@rkat/core';
import { RuntimeError } from '../errors/runtime-error.js';
import type { RealmConfig } from '../config/realm-config.js';
import { hookGateFor, type HookEnvironment } from '../hooks/hook-environment.js';
import { BoundaryCommitter, type CommittedSession } from './boundary-committer.js';
import { recoverOrphanedInputs, rememberUnwrittenAbandon } from './input-recovery.js';
import { toTurnFailedError, toWireRunResult } from './run-result.js';
import { resolveRunBudget, type SessionSettings } from './session-settings.js';
import { TurnFailedError } from './turn-failed-error.js';

/** A session loaded into the service: its record, parsed settings and committed transcript. */
export interface LoadedSession extends CommittedSession {
  settings: SessionSettings;
}

export interface TurnContext {
  realmId: string;
  session: LoadedSession;
  prompt: ContentInput;
  /** This turn's `additional_instructions`, committed as `system_notice` messages before the prompt. */
  notices: readonly string[];
  /** Notices of tool changes applied at this boundary (01 §13), committed before `notices`. */
  boundaryNotices?: readonly { kind: SystemNoticeKind; body: string }[];
  /** The skill inventory and preloaded skills, appended to the system prompt. */
  skillPrompt?: string;
  config: RealmConfig;
  /** What the hooks of this run share (handlers, background pool, working directory). */
  hooks: HookEnvironment;
  store: SessionStore;
  /** The tools the model sees this turn (already narrowed by the filter and overlay). */
  tools: ToolSource;
  createClient(identity: { provider: ProviderName; model: string }): LlmClient;
  /** Aborted by `interrupt`; the caller's `signal` is linked to it. */
  controller: AbortController;
  signal?: AbortSignal;
  clock?: Clock;
  now(): number;
  emit(event: AgentEvent): void;
}

function cancelled(cause?: unknown): RuntimeError {
  return new RuntimeError('REQUEST_CANCELLED', 'request cancelled', { cause });
}

function noProvider(context: TurnContext): TurnFailedError {
  const { sessionId, model } = context.session.record;
  const reason = `model '${model}' is not in the model catalog and the session names no provider (anthropic, openai, gemini or self_hosted)`;
  context.emit({ type: 'run_failed', session_id: sessionId, error_class: 'build', error: reason });
  return new TurnFailedError({ sessionId, errorClass: 'build', reason, provider: 'other', model });
}

function buildClient(context: TurnContext): LlmClient {
  const { sessionId, model, provider } = context.session.record;
  try {
    return context.createClient({ provider: provider as ProviderName, model });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    context.emit({ type: 'run_failed', session_id: sessionId, error_class: 'build', error: reason });
    throw new TurnFailedError({ sessionId, errorClass: 'build', reason, provider, model, cause: error });
  }
}

/** The session's system prompt (or the realm's), with the create's `additional_instructions` appended. */
export function composeSystemPrompt(settings: SessionSettings, config: RealmConfig): string | undefined {
  const parts = [
    settings.system_prompt ?? config.agent.systemPrompt,
    ...(settings.additional_instructions ?? []),
  ].filter((part): part is string => part !== undefined && part !== '');
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

function withSkills(systemPrompt: string | undefined, skillPrompt: string | undefined): string | undefined {
  if (skillPrompt === undefined) return systemPrompt;
  return systemPrompt === undefined ? skillPrompt : `${systemPrompt}\n\n${skillPrompt}`;
}

function noticeMessages(
  notices: readonly (string | { kind: SystemNoticeKind; body: string })[],
  nowMs: number,
): SessionMessage[] {
  const createdAt = timestamp(nowMs);
  return notices.map((notice) =>
    typeof notice === 'string'
      ? { role: 'system_notice', kind: 'generic', body: notice, created_at: createdAt }
      : { role: 'system_notice', kind: notice.kind, body: notice.body, created_at: createdAt },
  );
}

function runOptions(context: TurnContext, llm: LlmClient, committer: BoundaryCommitter): AgentRunOptions {
  const { session, config } = context;
  const { settings, record } = session;
  const systemPrompt = withSkills(composeSystemPrompt(settings, config), context.skillPrompt);
  const temperature = settings.temperature ?? config.agent.temperature;
  const providerParams = settings.provider_params ?? config.agent.providerParams;
  const budget = resolveRunBudget(settings.budget_limits, config.budget, config.agent.budgetWarningThreshold);
  const hooks = hookGateFor(context.hooks, config.hooks, settings.hooks_override);
  return {
    sessionId: record.sessionId,
    llm,
    model: record.model,
    history: [...session.history],
    prompt: context.prompt,
    tools: context.tools,
    maxTokens: settings.max_tokens,
    retry: config.retry,
    structuredOutputRetries: settings.structured_output_retries,
    signal: context.controller.signal,
    emit: context.emit,
    commit: (write) => committer.commit(write),
    ...(systemPrompt !== undefined ? { systemPrompt } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(providerParams !== undefined ? { providerParams } : {}),
    ...(budget ? { budget } : {}),
    ...(settings.output_schema ? { outputSchema: settings.output_schema } : {}),
    ...(config.agent.extractionPrompt !== undefined
      ? { extractionPrompt: config.agent.extractionPrompt }
      : {}),
    ...(config.agent.maxTurns !== undefined ? { maxTurns: config.agent.maxTurns } : {}),
    ...(context.clock ? { clock: context.clock } : {}),
    ...(hooks ? { hooks } : {}),
  };
}

/**
 * Runs one turn of a claimed session: settles the inputs a dead run left accepted (re-delivering the
 * ones whose prompt never reached the transcript), durably records the input, commits the repair of
 * dangling tool calls, runs the agent loop with each boundary committed, and settles the input
 * (consumed or abandoned).
 * Resolves with the wire result; rejects with `REQUEST_CANCELLED` or `TurnFailedError`.
 */
export async function executeTurn(context: TurnContext): Promise<WireRunResult> {
  const { session, controller } = context;
  const { record } = session;
  const unlink = linkSignal(context.signal, controller);
  try {
    if (record.provider === 'other') throw noProvider(context);
    const llm = buildClient(context);
    if (controller.signal.aborted) throw cancelled(controller.signal.reason);
    await recoverOrphanedInputs(context.store, session, context.now);
    const inputId = uuidv7();
    await context.store.recordInput({
      inputId,
      sessionId: record.sessionId,
      content: context.prompt,
      state: 'accepted',
      acceptedAtMs: context.now(),
    });
    const committer = new BoundaryCommitter(context.store, session, inputId, context.now);
    try {
      await committer.append(repairDanglingToolCalls(session.history, context.now()));
      const notices = [...(context.boundaryNotices ?? []), ...context.notices];
      await committer.append(noticeMessages(notices, context.now()));
      const run = await runAgent(runOptions(context, llm, committer));
      await committer.settleInput('consumed');
      return toWireRunResult(context.realmId, record.sessionId, run);
    } catch (error) {
      await committer.settleInput('abandoned').catch(() => rememberUnwrittenAbandon(context.store, inputId));
      if (controller.signal.aborted) throw cancelled(error);
      throw toTurnFailedError(record.sessionId, error, { provider: record.provider, model: record.model });
    }
  } finally {
    unlink();
  }
}

function linkSignal(signal: AbortSignal | undefined, controller: AbortController): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    controller.abort(signal.reason);
    return () => undefined;
  }
  const onAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}
