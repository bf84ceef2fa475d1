import { HostMethods } from './client-host.js';
import { isRecord } from './client-core.js';
import { MeerkatError } from './errors.js';
import { EventStream } from './event-stream.js';
import type { EventSubscription } from './event-subscription.js';
import {
  parseConfigEnvelope,
  parseModelsCatalog,
  parseRunResult,
  parseSessionForkResult,
  parseSessionHistory,
  parseSessionInfo,
} from './parse.js';
import {
  parseCommsSendReceipt,
  parseContentBlock,
  parseContentInput,
  parseResolvedModelCapabilities,
  parseSessionAssistantBlock,
  parseSessionMessage,
  serializeTranscriptReplacement,
} from './parse-helpers.js';
import { parseMobProfileLookup } from './mob-parse.js';
import { parseSchedule, parseScheduleOccurrence } from './schedule.js';
import { DeferredSession, Session } from './session.js';
import type {
  ContentInput,
  RunResult,
  SessionForkResult,
  SessionHistory,
  SessionInfo,
  SessionListOptions,
  SessionOptions,
  TurnOptions,
} from './types.js';
import { createParams, turnParams } from './wire-params.js';

/** Options of a transcript edit (`session/fork_at`, `session/fork_replace`). */
export interface TranscriptEditOptions {
  /** What to do when the source session is running; only `reject` exists. */
  readonly runningBehavior?: 'reject';
}

function editParams(options: TranscriptEditOptions): Record<string, unknown> {
  return options.runningBehavior !== undefined ? { running_behavior: options.runningBehavior } : {};
}

function emptyRunResult(sessionId: string, sessionRef?: string): RunResult {
  return {
    sessionId,
    ...(sessionRef !== undefined ? { sessionRef } : {}),
    text: '',
    turns: 0,
    toolCalls: 0,
    usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
  };
}

/**
 * Owns one `rkat-rpc` child process and speaks JSON-RPC to it over stdio: `connect()` starts it (binary
 * discovery, realm flags, handshake, version rule), `close()` stops it; when the child dies, every pending
 * call rejects with `PROCESS_EXITED` and its stderr tail. Sessions, turns, streams, config, the models
 * catalog, realms and blobs; callback tools with `tool()`; anything else with `request()`.
 */
export class MeerkatClient extends HostMethods {
  /** Parses a RunResult (strict: numeric `turns`, `tool_calls`, an object `usage` with numeric tokens). */
  static readonly parseRunResult = parseRunResult;
  /** Parses what the session's model can do. */
  static readonly parseResolvedModelCapabilities = parseResolvedModelCapabilities;
  /** Parses a config envelope. */
  static readonly parseConfigEnvelope = parseConfigEnvelope;
  /** Parses a `comms/send` receipt. */
  static readonly parseCommsSendReceipt = parseCommsSendReceipt;
  /** Parses the models catalog. */
  static readonly parseModelsCatalog = parseModelsCatalog;
  /** Parses a schedule. */
  static readonly parseSchedule = parseSchedule;
  /** Parses a schedule occurrence. */
  static readonly parseScheduleOccurrence = parseScheduleOccurrence;
  /** Parses a `mob/profile/*` result. */
  static readonly parseMobProfileLookup = parseMobProfileLookup;
  /** Parses a `session/history` page. */
  static readonly parseSessionHistory = parseSessionHistory;
  /** Parses a fork result. */
  static readonly parseSessionForkResult = parseSessionForkResult;
  /** A transcript replacement to its wire shape. */
  static readonly serializeTranscriptReplacement = serializeTranscriptReplacement;
  /** Parses one transcript message. */
  static readonly parseSessionMessage = parseSessionMessage;
  /** Validates a content input. */
  static readonly parseContentInput = parseContentInput;
  /** Validates one content block. */
  static readonly parseContentBlock = parseContentBlock;
  /** Parses an assistant block. */
  static readonly parseSessionAssistantBlock = parseSessionAssistantBlock;

  /** Parses a `session/read` result or a `session/list` row. */
  static parseSessionInfo(raw: unknown): SessionInfo {
    try {
      return parseSessionInfo(raw, 'info');
    } catch {
      return parseSessionInfo(raw, 'summary');
    }
  }

  /** Creates a session and runs its first turn. */
  async createSession(prompt: ContentInput, options: SessionOptions = {}): Promise<Session> {
    const result = parseRunResult(await this.request('session/create', createParams(prompt, options)));
    return new Session(this, result);
  }

  /** Creates a session and streams its first turn's events; only one pending streamed create at a time. */
  createSessionStreaming(prompt: ContentInput, options: SessionOptions = {}): EventStream {
    if (!this.transport) throw new MeerkatError('NOT_CONNECTED', 'Client is not connected');
    if (this.pendingCreate)
      throw new MeerkatError('INVALID_STATE', 'A streamed session/create is already pending');
    const buffers = new Map<string, unknown[]>();
    this.pendingCreate = buffers;
    const response = this.request('session/create', createParams(prompt, options)).then(
      (raw) => {
        this.pendingCreate = undefined;
        const result = parseRunResult(raw);
        for (const event of buffers.get(result.sessionId) ?? []) stream.push(event);
        return result;
      },
      (error: unknown) => {
        this.pendingCreate = undefined;
        throw error;
      },
    );
    const stream = new EventStream('', response, (result) => new Session(this, result));
    return stream;
  }

  /** Creates a session whose first turn waits for `DeferredSession.startTurn`. */
  async createDeferredSession(prompt: ContentInput, options: SessionOptions = {}): Promise<DeferredSession> {
    const raw = await this.request('session/create', {
      ...createParams(prompt, options),
      initial_turn: 'deferred',
    });
    const wire = isRecord(raw) ? raw : {};
    if (typeof wire.session_id !== 'string') {
      throw new MeerkatError('INVALID_RESPONSE', 'session/create returned no session_id', raw);
    }
    return new DeferredSession(
      this,
      wire.session_id,
      typeof wire.session_ref === 'string' ? wire.session_ref : undefined,
    );
  }

  /** A `Session` for an existing session (checked with `session/read`; `SessionNotFoundError` when unknown). */
  async resumeSession(sessionId: string): Promise<Session> {
    const info = await this.readSession(sessionId);
    return new Session(this, emptyRunResult(info.sessionId, info.sessionRef));
  }

  /** Runs a turn of a session by id. */
  async startTurn(sessionId: string, prompt: ContentInput, options: TurnOptions = {}): Promise<RunResult> {
    return parseRunResult(await this.request('turn/start', turnParams(sessionId, prompt, options)));
  }

  /** Runs a turn of a session by id and streams its events (`onResult` sees the result). */
  streamTurn(
    sessionId: string,
    prompt: ContentInput,
    options: TurnOptions = {},
    onResult?: (result: RunResult) => void,
  ): EventStream {
    return this.openTurnStream(sessionId, prompt, options, onResult);
  }

  /**
   * @internal The original's private streamed `turn/start` (`Session.stream` goes through it): the request is
   * written at once (`NOT_CONNECTED` thrown synchronously); with `session`, that handle's last result follows
   * the run and `stream.session` is that same handle.
   */
  _startTurnStreaming(
    sessionId: string,
    prompt: ContentInput,
    options: TurnOptions = {},
    session?: Session,
  ): EventStream {
    return this.openTurnStream(
      sessionId,
      prompt,
      options,
      session && ((result) => session._remember(result)),
      session,
    );
  }

  private openTurnStream(
    sessionId: string,
    prompt: ContentInput,
    options: TurnOptions,
    onResult: ((result: RunResult) => void) | undefined,
    session?: Session,
  ): EventStream {
    if (!this.transport) throw new MeerkatError('NOT_CONNECTED', 'Client is not connected');
    const release = (): void => {
      if (this.streams.get(sessionId) === stream) this.streams.delete(sessionId);
    };
    const response = this.request('turn/start', turnParams(sessionId, prompt, options)).then(
      (raw) => {
        release();
        const result = parseRunResult(raw);
        onResult?.(result);
        return result;
      },
      (error: unknown) => {
        release();
        throw error;
      },
    );
    const stream = new EventStream(sessionId, response, (result) => session ?? new Session(this, result));
    this.streams.set(sessionId, stream);
    return stream;
  }

  /** Interrupts the running turn of a session (`turn/interrupt`). */
  async interrupt(sessionId: string): Promise<void> {
    await this.request('turn/interrupt', { session_id: sessionId });
  }

  /** Archives a session (`session/archive`). */
  async archiveSession(sessionId: string): Promise<void> {
    await this.request('session/archive', { session_id: sessionId });
  }

  /** The realm's sessions (`session/list`). */
  async listSessions(options: SessionListOptions = {}): Promise<SessionInfo[]> {
    const params: Record<string, unknown> = {};
    if (options.labels && Object.keys(options.labels).length > 0) params.labels = options.labels;
    if (options.limit !== undefined) params.limit = options.limit;
    if (options.offset !== undefined) params.offset = options.offset;
    const raw = await this.request('session/list', params);
    const sessions = isRecord(raw) && Array.isArray(raw.sessions) ? raw.sessions : undefined;
    if (!sessions) throw new MeerkatError('INVALID_RESPONSE', 'session/list returned no sessions', raw);
    return sessions.map((row) => parseSessionInfo(row, 'summary'));
  }

  /** One session's details (`session/read`). */
  async readSession(sessionId: string): Promise<SessionInfo> {
    return parseSessionInfo(await this.request('session/read', { session_id: sessionId }), 'info');
  }

  /** A page of a session's transcript (`session/history`; `offset` defaults to 0). */
  async readSessionHistory(
    sessionId: string,
    options: { offset?: number; limit?: number } = {},
  ): Promise<SessionHistory> {
    const params: Record<string, unknown> = { session_id: sessionId, offset: options.offset ?? 0 };
    if (options.limit !== undefined) params.limit = options.limit;
    return parseSessionHistory(await this.request('session/history', params));
  }

  /** Forks a session keeping the messages before `messageIndex` (`session/fork_at`). */
  async forkSessionAt(
    sessionId: string,
    messageIndex: number,
    options: TranscriptEditOptions = {},
  ): Promise<SessionForkResult> {
    const params = { session_id: sessionId, message_index: messageIndex, ...editParams(options) };
    return parseSessionForkResult(await this.request('session/fork_at', params));
  }

  /** Forks a session replacing message `messageIndex` (`session/fork_replace`; the replacement wire-shaped). */
  async forkSessionReplace(
    sessionId: string,
    messageIndex: number,
    replacement: Record<string, unknown>,
    options: TranscriptEditOptions = {},
  ): Promise<SessionForkResult> {
    return parseSessionForkResult(
      await this.request('session/fork_replace', {
        session_id: sessionId,
        message_index: messageIndex,
        replacement: serializeTranscriptReplacement(replacement),
        ...editParams(options),
      }),
    );
  }

  /** Every event of a session, from every run, until closed (`session/stream_open`). */
  subscribeSessionEvents(sessionId: string): Promise<EventSubscription> {
    return this.openSubscription(sessionId);
  }

  /** A `Session` handle for a known id without a round trip (its `lastResult` starts empty). */
  session(sessionId: string): Session {
    return new Session(this, emptyRunResult(sessionId));
  }
}
