import { v7 as uuidv7 } from 'uuid';
import { ContentInput, checkContract, type AgentEvent, type WireRunResult } from '@rkat/contracts';
import type { Clock, SessionListQuery, SessionRecord, SessionStore, ToolSource } from '@rkat/core';
import { RuntimeError } from '../errors/runtime-error.js';
import type { RealmConfig } from '../config/realm-config.js';
import { EventFanout, type SessionEventListener } from './event-fanout.js';
import {
  parseStoredIdentity,
  resolveModelIdentity,
  type ModelIdentity,
  type ProviderBindings,
} from './model-identity.js';
import { sessionRef } from './run-result.js';
import { parseSessionLocator } from './session-locator.js';
import {
  applySettingsOverrides,
  buildSessionSettings,
  validateLabels,
  type CreateSessionOptions,
  type TurnOverrides,
} from './session-options.js';
import { parseSessionSettings, type SessionSettings } from './session-settings.js';
import {
  toSessionInfo,
  toSessionSummary,
  type SessionHistory,
  type SessionInfo,
  type SessionSummary,
} from './session-views.js';
import { executeTurn, type LoadedSession } from './turn-execution.js';

export interface SessionServiceOptions {
  realmId: string;
  store: SessionStore;
  config: RealmConfig;
  providers: ProviderBindings;
  /** The tools every session gets (the built-ins). */
  tools: ToolSource;
  clock?: Clock;
}

export interface CreatedSession {
  sessionId: string;
  sessionRef: string;
  model: string;
  provider: string;
}

/**
 * The session service every surface calls: it creates sessions, runs turns (one at a time per session),
 * persists each turn boundary, fans events out and loads sessions from the store so another process can
 * resume them. Failures are `RuntimeError`s with stable codes; a failed run is a `TurnFailedError`.
 */
export class SessionService {
  readonly realmId: string;
  private readonly live = new Map<string, LoadedSession>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  private readonly claimed = new Set<string>();
  private readonly events = new EventFanout();
  private closed = false;

  constructor(private readonly options: SessionServiceOptions) {
    this.realmId = options.realmId;
  }

  private now(): number {
    return this.options.clock?.now() ?? Date.now();
  }

  /** Receives every event of every run in this service. Returns the unsubscribe function. */
  subscribe(listener: SessionEventListener): () => void {
    return this.events.subscribe(listener);
  }

  /**
   * Creates and persists an idle session (no turn runs). Throws `RuntimeError('INVALID_PARAMS')` for an
   * unknown or conflicting provider, an invalid output schema, a reserved label or bad limits.
   */
  async createSession(options: CreateSessionOptions = {}): Promise<CreatedSession> {
    this.assertOpen();
    const { config, providers } = this.options;
    const identity = resolveModelIdentity(options, config.agent.model, providers);
    const settings = buildSessionSettings(options, config);
    const nowMs = this.now();
    const record: SessionRecord = {
      sessionId: uuidv7(),
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
      model: identity.model,
      provider: identity.provider,
      labels: validateLabels(options.labels),
      archived: false,
      pending: true,
      settings: settings as Record<string, unknown>,
      usage: { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 },
      messageCount: 0,
    };
    await this.options.store.createSession(record);
    this.live.set(record.sessionId, { record, settings, history: [] });
    return {
      sessionId: record.sessionId,
      sessionRef: sessionRef(this.realmId, record.sessionId),
      ...identity,
    };
  }

  /**
   * Runs one turn on a session (loading it from the store when this process has not seen it). Throws
   * `SESSION_NOT_FOUND`, `SESSION_BUSY` (a run is in flight), `INVALID_PARAMS`, `REQUEST_CANCELLED`
   * (interrupted) or `TurnFailedError` (the run failed; the session stays resumable).
   */
  async startTurn(
    locator: string,
    prompt: ContentInput,
    overrides: TurnOverrides = {},
  ): Promise<WireRunResult> {
    this.assertOpen();
    const sessionId = parseSessionLocator(locator, this.realmId);
    if (!checkContract(ContentInput, prompt).ok) {
      throw new RuntimeError('INVALID_PARAMS', 'prompt must be a string or an array of content blocks');
    }
    if (this.claimed.has(sessionId)) throw new RuntimeError('SESSION_BUSY', `session is busy: ${sessionId}`);
    this.claimed.add(sessionId);
    const controller = new AbortController();
    const done = this.runClaimed(sessionId, prompt, overrides, controller);
    this.running.set(sessionId, { controller, done });
    try {
      return await done;
    } finally {
      this.running.delete(sessionId);
      this.claimed.delete(sessionId);
    }
  }

  private async runClaimed(
    sessionId: string,
    prompt: ContentInput,
    overrides: TurnOverrides,
    controller: AbortController,
  ): Promise<WireRunResult> {
    const session = await this.load(sessionId);
    const settings = applySettingsOverrides(session.settings, overrides, session.record.pending);
    const identity = this.turnIdentity(session.record, overrides);
    await this.persistBeforeRun(session, settings, identity);
    const { config, providers, store, tools } = this.options;
    return executeTurn({
      realmId: this.realmId,
      session,
      prompt,
      config,
      store,
      tools,
      createClient: (resolved) => providers.createClient(resolved),
      controller,
      ...(overrides.signal ? { signal: overrides.signal } : {}),
      ...(this.options.clock ? { clock: this.options.clock } : {}),
      now: () => this.now(),
      emit: (event: AgentEvent) => this.events.emit(sessionId, event, overrides.onEvent),
    }).catch((error: unknown) => {
      // Reload from the store next time: another process may have written it, or a commit failed midway.
      this.live.delete(sessionId);
      throw error;
    });
  }

  private turnIdentity(record: SessionRecord, overrides: TurnOverrides): ModelIdentity {
    if (overrides.model == null && overrides.provider == null) {
      return parseStoredIdentity(record.sessionId, record);
    }
    const request = { model: overrides.model ?? record.model, provider: overrides.provider ?? null };
    return resolveModelIdentity(request, this.options.config.agent.model, this.options.providers);
  }

  /** Persists a first run's promotion and any hot-swapped identity or settings before the run starts. */
  private async persistBeforeRun(
    session: LoadedSession,
    settings: SessionSettings,
    identity: ModelIdentity,
  ): Promise<void> {
    const { record } = session;
    const changed =
      record.pending ||
      settings !== session.settings ||
      identity.model !== record.model ||
      identity.provider !== record.provider;
    if (!changed) return;
    await this.options.store.updateSession(record.sessionId, {
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

  private async load(sessionId: string): Promise<LoadedSession> {
    const cached = this.live.get(sessionId);
    if (cached && !cached.record.archived) return cached;
    const record = await this.options.store.getSession(sessionId);
    if (!record || record.archived)
      throw new RuntimeError('SESSION_NOT_FOUND', `Session not found: ${sessionId}`);
    parseStoredIdentity(sessionId, record);
    const settings = parseSessionSettings(sessionId, record.settings);
    const history = await this.options.store.readMessages(sessionId);
    const loaded: LoadedSession = { record, settings, history };
    this.live.set(sessionId, loaded);
    return loaded;
  }

  private async storedRecord(locator: string): Promise<SessionRecord> {
    const sessionId = parseSessionLocator(locator, this.realmId);
    const record = await this.options.store.getSession(sessionId);
    if (!record) throw new RuntimeError('SESSION_NOT_FOUND', `Session not found: ${sessionId}`);
    return record;
  }

  /**
   * Interrupts the session's running turn (its `startTurn` rejects with `REQUEST_CANCELLED`). A no-op on an
   * idle session. Throws `SESSION_NOT_FOUND` for an unknown session. Returns whether a run was interrupted.
   */
  async interrupt(locator: string): Promise<boolean> {
    const sessionId = parseSessionLocator(locator, this.realmId);
    const running = this.running.get(sessionId);
    if (running) {
      running.controller.abort(new RuntimeError('REQUEST_CANCELLED', 'request cancelled'));
      return true;
    }
    await this.storedRecord(sessionId);
    return false;
  }

  /** Non-archived sessions of the realm, most recently updated first. */
  async listSessions(query: SessionListQuery = {}): Promise<SessionSummary[]> {
    const records = await this.options.store.listSessions(query);
    return records.map((record) =>
      toSessionSummary(this.realmId, record, this.claimed.has(record.sessionId)),
    );
  }

  /** A session's metadata. Throws `SESSION_NOT_FOUND` (archived sessions stay readable). */
  async readSession(locator: string): Promise<SessionInfo> {
    const record = await this.storedRecord(locator);
    return toSessionInfo(this.realmId, record, this.claimed.has(record.sessionId));
  }

  /** A page of the committed transcript, oldest first. Throws `SESSION_NOT_FOUND` or `INVALID_PARAMS`. */
  async readHistory(
    locator: string,
    page: { offset?: number; limit?: number } = {},
  ): Promise<SessionHistory> {
    const record = await this.storedRecord(locator);
    const offset = page.offset ?? 0;
    if (!Number.isSafeInteger(offset) || offset < 0)
      throw new RuntimeError('INVALID_PARAMS', 'offset must be >= 0');
    if (page.limit !== undefined && (!Number.isSafeInteger(page.limit) || page.limit < 0)) {
      throw new RuntimeError('INVALID_PARAMS', 'limit must be >= 0');
    }
    const messages = await this.options.store.readMessages(record.sessionId, {
      offset,
      ...(page.limit !== undefined ? { limit: page.limit } : {}),
    });
    return {
      sessionId: record.sessionId,
      sessionRef: sessionRef(this.realmId, record.sessionId),
      messageCount: record.messageCount,
      offset,
      ...(page.limit !== undefined ? { limit: page.limit } : {}),
      hasMore: offset + messages.length < record.messageCount,
      messages,
    };
  }

  /** Whether a turn is running on the session. */
  isActive(sessionId: string): boolean {
    return this.claimed.has(sessionId);
  }

  /** Interrupts every running turn and waits for them to settle. Later calls fail with `INTERNAL_ERROR`. */
  async close(): Promise<void> {
    this.closed = true;
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort(new RuntimeError('REQUEST_CANCELLED', 'runtime closing'));
    await Promise.allSettled(runs.map((run) => run.done));
    this.live.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new RuntimeError('INTERNAL_ERROR', 'the session service is closed');
  }
}
