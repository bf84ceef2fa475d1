import type { AgentEvent, ContentInput, SystemNoticeKind, WireRunResult } from '@rkat/contracts';
import type { SessionStore } from '@rkat/core';
import type { ServiceContext } from './service-context.js';
import type { SessionClaim } from './session-registry.js';
import type { TurnOverrides } from './session-options.js';
import { resolveTurnSkills, type TurnSkills } from '../skills/skill-resolution.js';
import { fallbackHookEnvironment } from '../hooks/hook-environment.js';
import { executeTurn, type LoadedSession } from './turn-execution.js';
import { planTurn, type TurnPlan } from './turn-plan.js';
import { visibleTools } from './tool-visibility.js';

/** Persists a first run's promotion and any hot-swapped identity or settings before the run starts. */
async function persistBeforeRun(store: SessionStore, session: LoadedSession, plan: TurnPlan): Promise<void> {
  const { record } = session;
  const { identity, settings } = plan;
  const changed =
    record.pending ||
    plan.settingsChanged ||
    identity.model !== record.model ||
    identity.provider !== record.provider;
  if (!changed) return;
  await store.updateSession(record.sessionId, {
    pending: false,
    settings: settings as Record<string, unknown>,
    model: identity.model,
    provider: identity.provider,
  });
  record.pending = false;
  record.settings = settings as Record<string, unknown>;
  record.model = identity.model;
  record.provider = identity.provider;
  session.settings = settings;
}

async function runClaimed(
  context: ServiceContext,
  claim: SessionClaim,
  prompt: ContentInput,
  overrides: TurnOverrides,
): Promise<WireRunResult> {
  const held = await context.ownership.take(claim.sessionId, (lost) => claim.controller.abort(lost));
  try {
    return await runOwned(context, claim, prompt, overrides);
  } finally {
    await held.release();
  }
}

async function runOwned(
  context: ServiceContext,
  claim: SessionClaim,
  prompt: ContentInput,
  overrides: TurnOverrides,
): Promise<WireRunResult> {
  const { registry, options, events } = context;
  const { sessionId } = claim;
  const session = await registry.loadCurrent(sessionId);
  const config = options.currentConfig();
  const plan = planTurn({
    record: session.record,
    settings: session.settings,
    prompt,
    overrides,
    realmDefaultModel: config.agent.model,
    providers: options.providers,
  });
  const emit = (event: AgentEvent): void => {
    events.publish(sessionId, event, overrides.onEvent);
  };
  // Before anything is written: a missing skill fails the turn with SKILL_NOT_FOUND.
  const skills: TurnSkills = options.skills
    ? await resolveTurnSkills(options.skills, { settings: plan.settings, skillRefs: plan.skillRefs, emit })
    : { notices: [] };
  await persistBeforeRun(options.store, session, plan);
  const boundaryNotices: { kind: SystemNoticeKind; body: string }[] = [];
  const notice = (kind: SystemNoticeKind, body: string): void => {
    boundaryNotices.push({ kind, body });
  };
  const tools = visibleTools(
    await options.toolsFor({ sessionId, settings: session.settings, emit, notice }),
    session.settings.tool_filter,
    plan.overlay,
  );
  try {
    const result = await executeTurn({
      realmId: context.realmId,
      session,
      prompt: plan.prompt,
      notices: [...plan.notices, ...skills.notices],
      ...(skills.systemPrompt !== undefined ? { skillPrompt: skills.systemPrompt } : {}),
      boundaryNotices,
      config,
      hooks: options.hooks ?? fallbackHookEnvironment(options),
      store: options.store,
      tools,
      createClient: (identity) => options.providers.createClient(identity),
      controller: claim.controller,
      ...(overrides.signal ? { signal: overrides.signal } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      now: () => context.now(),
      emit,
    });
    if (skills.diagnostics) result.skill_diagnostics = skills.diagnostics;
    return result;
  } catch (error) {
    // Reload from the store next time: another process may have written it, or a commit failed midway.
    registry.forget(sessionId);
    throw error;
  }
}

/**
 * Runs one turn of a session under its claim (01 §7.1). Throws `SESSION_BUSY` when a run is in flight,
 * `SESSION_NOT_FOUND`, `INVALID_PARAMS` (rejected overrides), `REQUEST_CANCELLED` (interrupted) or
 * `TurnFailedError`.
 */
export async function runTurn(
  context: ServiceContext,
  sessionId: string,
  prompt: ContentInput,
  overrides: TurnOverrides,
): Promise<WireRunResult> {
  const claim = context.registry.claim(sessionId);
  const done = runClaimed(context, claim, prompt, overrides);
  claim.done = done;
  try {
    return await done;
  } finally {
    context.registry.release(claim);
  }
}

/**
 * Starts a turn nobody waits for (a `keep_alive` create, 01 §6.1): its events reach the service's
 * listeners and streams only; its failure is reported by its `run_failed` event and otherwise dropped.
 * Throws `SESSION_BUSY` synchronously when the session is taken.
 */
export function startBackgroundTurn(context: ServiceContext, sessionId: string, prompt: ContentInput): void {
  const claim = context.registry.claim(sessionId);
  const done = runClaimed(context, claim, prompt, {});
  claim.done = done;
  void done.then(
    () => context.registry.release(claim),
    () => context.registry.release(claim),
  );
}
