import { v7 as uuidv7 } from 'uuid';
import { ContentInput, checkContract, type WireRunResult } from '@rkat/contracts';
import { MemorySessionClaims } from '@rkat/store';
import { RuntimeError } from '../errors/runtime-error.js';
import { SessionEventHub, type SessionEventListener } from '../events/session-event-hub.js';
import type { SessionEventStream } from '../events/session-event-stream.js';
import type { StreamClosed } from '../events/stream-registry.js';
import { sessionRef, toWireUsage } from './run-result.js';
import type { ServiceContext, SessionServiceOptions } from './service-context.js';
import { createPendingSession } from './session-creation.js';
import { forkSession, type ForkRequest, type SessionForkResult } from './session-fork.js';
import { parseSessionLocator } from './session-locator.js';
import type { CreateSessionOptions, RunObserver, TurnOverrides } from './session-options.js';
import {
  listSessions,
  readHistory,
  readSession,
  type HistoryPage,
  type SessionListOptions,
} from './session-queries.js';
import { SessionOwnership } from './session-ownership.js';
import { SessionRegistry } from './session-registry.js';
import type { SessionHistory, SessionInfo, SessionSummary } from './session-views.js';
import { runTurn, startBackgroundTurn } from './turn-runner.js';

export type { SessionServiceOptions } from './service-context.js';

export interface CreatedSession {
  sessionId: string;
  sessionRef: string;
  model: string;
  provider: string;
  /**
   * The first turn's result when `createSession` ran it (a prompt without `initialTurn: 'deferred'`). A
   * `keep_alive` create answers at once with an empty result (`text: ""`, `turns: 0`, zero usage).
   */
  result?: WireRunResult;
}

function cancelled(message: string): RuntimeError {
  return new RuntimeError('REQUEST_CANCELLED', message);
}

function checkPrompt(prompt: unknown): ContentInput {
  if (!checkContract(ContentInput, prompt).ok) {
    throw new RuntimeError('INVALID_PARAMS', 'prompt must be a string or an array of content blocks');
  }
  return prompt as ContentInput;
}

/**
 * The session service every surface calls (01 §6, §7): it creates sessions, runs turns (one at a time per
 * session), persists every boundary, wraps events as envelopes for the run's caller, the listeners and
 * the stream subscriptions, and loads sessions from the store so another process can resume them.
 * Failures are `RuntimeError`s whose `code` names the contract error (`rpcErrorCodeOf`); a failed run is
 * a `TurnFailedError`. Session ids are locators: a bare UUID or `<realm>:<uuid>`.
 */
export class SessionService {
  readonly realmId: string;
  private readonly context: ServiceContext;
  private readonly registry: SessionRegistry;
  private readonly events: SessionEventHub;
  private closed = false;

  constructor(options: SessionServiceOptions) {
    this.realmId = options.realmId;
    const now = (): number => options.clock?.now() ?? Date.now();
    this.registry = new SessionRegistry(options.store);
    this.events = new SessionEventHub({
      now,
      ...(options.streamCapacity !== undefined ? { streamCapacity: options.streamCapacity } : {}),
    });
    const ownership = new SessionOwnership({
      claims: options.claims ?? new MemorySessionClaims(),
      owner: options.claimOwner ?? { ownerId: uuidv7(), instanceId: 'in-process', pid: process.pid },
      // Claim expiries are compared across processes: wall-clock time, never an injected test clock.
      now: Date.now,
      holderGone: options.claimHolderGone ?? (() => Promise.resolve(false)),
    });
    this.context = {
      realmId: options.realmId,
      options,
      registry: this.registry,
      ownership,
      events: this.events,
      now,
    };
  }

  /** Receives every event of every session in this service, with its envelope. Returns the unsubscribe. */
  subscribe(listener: SessionEventListener): () => void {
    return this.events.subscribe(listener);
  }

  /**
   * Creates and persists a session (01 §6.1). With a `prompt` and no `initialTurn: 'deferred'` the first
   * turn runs (its events go to `run.onEvent`) and `result` holds its result; a deferred create stages the
   * prompt for the first `startTurn`; without a prompt nothing runs. Throws `INVALID_PARAMS`,
   * `INTERNAL_ERROR` (`Max sessions reached`) and, for the first turn, whatever `startTurn` throws (a
   * `TurnFailedError` names the created session).
   */
  async createSession(options: CreateSessionOptions = {}, run: RunObserver = {}): Promise<CreatedSession> {
    this.assertOpen();
    const prompt = options.prompt != null ? checkPrompt(options.prompt) : undefined;
    const session = await createPendingSession(this.context, options);
    const { sessionId, model, provider } = session.record;
    const created: CreatedSession = {
      sessionId,
      sessionRef: sessionRef(this.realmId, sessionId),
      model,
      provider,
    };
    if (prompt === undefined || options.initialTurn === 'deferred') return created;
    if (options.keepAlive === true) {
      startBackgroundTurn(this.context, sessionId, prompt);
      const usage = {
        input_tokens: 0,
        output_tokens: 0,
        cache_creation_tokens: null,
        cache_read_tokens: null,
      };
      created.result = {
        session_id: sessionId,
        session_ref: created.sessionRef,
        text: '',
        turns: 0,
        tool_calls: 0,
        usage: toWireUsage(usage),
      };
      return created;
    }
    created.result = await runTurn(this.context, sessionId, prompt, run);
    return created;
  }

  /**
   * Runs one turn (01 §7.1), loading the session when this process has not seen it. Throws
   * `SESSION_NOT_FOUND` (unknown or archived), `SESSION_BUSY` (`session is busy: <id>`), `INVALID_PARAMS`
   * (a bad locator, prompt or override), `REQUEST_CANCELLED` (interrupted) or `TurnFailedError` (the run
   * failed; the session stays resumable).
   */
  async startTurn(
    locator: string,
    prompt: ContentInput,
    overrides: TurnOverrides = {},
  ): Promise<WireRunResult> {
    this.assertOpen();
    const sessionId = parseSessionLocator(locator, this.realmId);
    return runTurn(this.context, sessionId, checkPrompt(prompt), overrides);
  }

  /**
   * Interrupts the session's running turn (01 §7.2): that request fails with `REQUEST_CANCELLED`
   * `request cancelled`. A no-op on an idle or pending session. Throws `SESSION_NOT_FOUND` for an unknown
   * or archived session. Returns whether a run was interrupted.
   */
  async interrupt(locator: string): Promise<boolean> {
    const sessionId = parseSessionLocator(locator, this.realmId);
    await this.registry.activeRecord(sessionId);
    const claim = this.registry.claimOf(sessionId);
    if (!claim) return false;
    claim.controller.abort(cancelled('request cancelled'));
    return true;
  }

  /**
   * Archives a session (01 §6.5): interrupts its run and waits for it, persists the mark and ends its
   * streams (`remote_end`). It then disappears from `listSessions`; `readSession` and `readHistory` still
   * work; turns, streams and forks fail with `SESSION_NOT_FOUND`. Throws `SESSION_NOT_FOUND` for an
   * unknown or already archived session.
   */
  async archive(locator: string): Promise<void> {
    this.assertOpen();
    const sessionId = parseSessionLocator(locator, this.realmId);
    await this.registry.activeRecord(sessionId);
    for (let claim = this.registry.claimOf(sessionId); claim; claim = this.registry.claimOf(sessionId)) {
      claim.controller.abort(cancelled('request cancelled'));
      await Promise.allSettled([claim.done]);
      if (this.registry.claimOf(sessionId) === claim) this.registry.release(claim);
    }
    const claim = this.registry.claim(sessionId);
    const work = this.markArchived(sessionId);
    claim.done = work;
    try {
      await work;
    } finally {
      this.registry.release(claim);
    }
  }

  private async markArchived(sessionId: string): Promise<void> {
    await this.registry.activeRecord(sessionId);
    await this.context.options.store.updateSession(sessionId, { archived: true });
    this.registry.forget(sessionId);
    this.events.endSession(sessionId, 'remote_end');
    await this.context.options.onSessionArchived?.(sessionId);
  }

  /** Non-archived sessions, pending first, then by `updated_at` descending (01 §6.2). */
  async listSessions(options: SessionListOptions = {}): Promise<SessionSummary[]> {
    return listSessions(this.context, options);
  }

  /** A session's metadata (01 §6.3). Throws `SESSION_NOT_FOUND` (archived sessions stay readable). */
  async readSession(locator: string): Promise<SessionInfo> {
    return readSession(this.context, parseSessionLocator(locator, this.realmId));
  }

  /** A page of the committed transcript (01 §6.4). Throws `SESSION_NOT_FOUND` or `INVALID_PARAMS`. */
  async readHistory(locator: string, page: HistoryPage = {}): Promise<SessionHistory> {
    return readHistory(this.context, parseSessionLocator(locator, this.realmId), page);
  }

  /** `session/fork_at` (01 §6.6): a new idle session holding messages `[0, messageIndex)`. */
  async forkAt(
    locator: string,
    messageIndex: number,
    options: Pick<ForkRequest, 'runningBehavior'> = {},
  ): Promise<SessionForkResult> {
    this.assertOpen();
    const sessionId = parseSessionLocator(locator, this.realmId);
    return forkSession(this.context, { ...options, sessionId, messageIndex });
  }

  /** `session/fork_replace` (01 §6.6): messages `[0, messageIndex]` with the addressed item replaced. */
  async forkReplace(
    locator: string,
    messageIndex: number,
    replacement: unknown,
    options: Pick<ForkRequest, 'runningBehavior'> = {},
  ): Promise<SessionForkResult> {
    this.assertOpen();
    const sessionId = parseSessionLocator(locator, this.realmId);
    return forkSession(this.context, { ...options, sessionId, messageIndex, replacement });
  }

  /**
   * Opens a stream of every later event of the session, from every run (01 §6.10, §8.3); read it with
   * `for await`, send each notification, and answer the open with `stream.opened`. Throws
   * `SESSION_NOT_FOUND` for an unknown session and `INVALID_PARAMS`
   * `Failed to subscribe to session events: …` for an archived one.
   */
  async openStream(locator: string): Promise<SessionEventStream> {
    this.assertOpen();
    const sessionId = parseSessionLocator(locator, this.realmId);
    const record = await this.registry.record(sessionId);
    if (record.archived) {
      throw new RuntimeError(
        'INVALID_PARAMS',
        `Failed to subscribe to session events: session ${sessionId} is archived`,
      );
    }
    return this.events.openStream(sessionId);
  }

  /** `session/stream_close` (01 §6.10). Throws `INVALID_PARAMS` `Invalid stream_id: <s>` for a non-UUID. */
  closeStream(streamId: string): StreamClosed {
    return this.events.closeStream(streamId);
  }

  /** Whether an operation (a run, an archive) holds the session. */
  isActive(sessionId: string): boolean {
    return this.registry.claimOf(sessionId) !== undefined;
  }

  /**
   * Interrupts every running turn, waits for them, and ends every stream (`remote_end`). Later calls fail
   * with `INTERNAL_ERROR`. Idempotent.
   */
  async close(): Promise<void> {
    this.closed = true;
    const claims = this.registry.allClaims();
    for (const claim of claims) claim.controller.abort(cancelled('runtime closing'));
    await Promise.allSettled(claims.map((claim) => claim.done));
    this.events.close();
    this.registry.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new RuntimeError('INTERNAL_ERROR', 'the session service is closed');
  }
}
