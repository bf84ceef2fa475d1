import type { MeerkatClient, TranscriptEditOptions } from './client.js';
import type { EventStream } from './event-stream.js';
import type { EventSubscription } from './event-subscription.js';
import type { CommsCommand } from './comms-types.js';
import type { CommsSendReceipt } from './parse-helpers.js';
import type {
  ContentInput,
  DeferredTurnOptions,
  RunResult,
  SessionForkResult,
  SessionHistory,
  SkillKey,
  TurnOptions,
  Usage,
} from './types.js';

/** What every session handle can do with its session id; the wire calls go through the client. */
abstract class SessionOperations {
  /** @internal */
  constructor(protected readonly client: MeerkatClient) {}

  /** The session id. */
  abstract get id(): string;

  /** Interrupts the running turn (`turn/interrupt`); a no-op when idle. */
  async interrupt(): Promise<void> {
    await this.client.interrupt(this.id);
  }

  /** Archives the session (`session/archive`). */
  async archive(): Promise<void> {
    await this.client.archiveSession(this.id);
  }

  /** A page of the committed transcript. */
  history(options: { offset?: number; limit?: number } = {}): Promise<SessionHistory> {
    return this.client.readSessionHistory(this.id, options);
  }

  /** Forks the session before message `messageIndex`. */
  forkAt(messageIndex: number, options: TranscriptEditOptions = {}): Promise<SessionForkResult> {
    return this.client.forkSessionAt(this.id, messageIndex, options);
  }

  /** Forks the session replacing message `messageIndex` (the replacement wire-shaped). */
  forkReplace(
    messageIndex: number,
    replacement: Record<string, unknown>,
    options: TranscriptEditOptions = {},
  ): Promise<SessionForkResult> {
    return this.client.forkSessionReplace(this.id, messageIndex, replacement, options);
  }

  /** Injects context into the session (`session/inject_context`, not served by this runtime yet). */
  injectContext(
    text: string,
    options: { source?: string; idempotencyKey?: string } = {},
  ): Promise<{ status: string }> {
    return this.client.injectContext(this.id, text, options);
  }

  /** Sends an external event to the session (`session/external_event`). */
  sendExternalEvent(
    eventType: string,
    payload: unknown,
    options: { blocks?: unknown[] } = {},
  ): Promise<Record<string, unknown>> {
    return this.client.sendExternalEvent(this.id, eventType, payload, options);
  }

  /** Answers a peer request terminally (`session/peer_response_terminal`). */
  sendPeerResponseTerminal(
    peerId: string,
    requestId: string,
    status: string,
    result: unknown,
    options: { displayName?: string } = {},
  ): Promise<Record<string, unknown>> {
    return this.client.sendPeerResponseTerminal(this.id, peerId, requestId, status, result, options);
  }
}

/** Handle of a session created (or resumed) through a client; caches the last `RunResult`. */
export class Session extends SessionOperations {
  /** @internal */
  constructor(
    client: MeerkatClient,
    private lastRun: RunResult,
  ) {
    super(client);
  }

  /** The session id. */
  override get id(): string {
    return this.lastRun.sessionId;
  }

  /** The session ref, when the runtime reported one. */
  get ref(): string | undefined {
    return this.lastRun.sessionRef;
  }

  /** The result of the last run of this handle. */
  get lastResult(): RunResult {
    return this.lastRun;
  }

  /** Text of the last run. */
  get text(): string {
    return this.lastRun.text;
  }

  /** Usage of the last run. */
  get usage(): Usage {
    return this.lastRun.usage;
  }

  /** Turns of the last run. */
  get turns(): number {
    return this.lastRun.turns;
  }

  /** Tool calls of the last run. */
  get toolCalls(): number {
    return this.lastRun.toolCalls;
  }

  /** Structured output of the last run, if it had an output schema. */
  get structuredOutput(): unknown {
    return this.lastRun.structuredOutput;
  }

  /** Runs one turn (`turn/start`); rejects with the run's `MeerkatError` when it fails. */
  async turn(prompt: ContentInput, options: TurnOptions = {}): Promise<RunResult> {
    this.lastRun = await this.client.startTurn(this.id, prompt, options);
    return this.lastRun;
  }

  /** Runs one turn and streams its events; the request is sent at once. */
  stream(prompt: ContentInput, options: TurnOptions = {}): EventStream {
    return this.client._startTurnStreaming(this.id, prompt, options, this);
  }

  /** @internal Records the result of a run streamed for this handle (`client._startTurnStreaming(…, session)`). */
  _remember(result: RunResult): void {
    this.lastRun = result;
  }

  /** Every event of this session, from every run, until closed. */
  subscribeEvents(): Promise<EventSubscription> {
    return this.client.subscribeSessionEvents(this.id);
  }

  /**
   * Runs a turn with one skill (`requireCapability('skills')` first, then the ref must be a `SkillKey`
   * `{sourceUuid, skillName}`, else `Error`).
   */
  async invokeSkill(skillRef: SkillKey, prompt: ContentInput): Promise<RunResult> {
    this.client.requireCapability('skills');
    const ref: unknown = skillRef;
    const valid =
      typeof ref === 'object' &&
      ref !== null &&
      typeof (ref as SkillKey).sourceUuid === 'string' &&
      typeof (ref as SkillKey).skillName === 'string';
    if (!valid) throw new Error('skillRef must be a SkillKey {sourceUuid, skillName}');
    return this.turn(prompt, { skillRefs: [skillRef] });
  }

  /** Sends a comms command from this session (`comms/send`). */
  send(command: CommsCommand): Promise<CommsSendReceipt> {
    return this.client.send(this.id, command);
  }

  /** This session's peers (`comms/peers`; `result.peers` or `[]`). */
  async peers(): Promise<Record<string, unknown>[]> {
    const raw = await this.client.peers(this.id);
    return Array.isArray(raw.peers) ? (raw.peers as Record<string, unknown>[]) : [];
  }

  /** `Session(id=…[ ref=…])`. */
  override toString(): string {
    return `Session(id=${this.id}${this.ref ? ` ref=${this.ref}` : ''})`;
  }
}

/** Handle of a session created with a deferred first turn; `startTurn` runs it. */
export class DeferredSession extends SessionOperations {
  /** @internal */
  constructor(
    client: MeerkatClient,
    private readonly sessionId: string,
    private readonly sessionRef?: string,
  ) {
    super(client);
  }

  /** The session id. */
  override get id(): string {
    return this.sessionId;
  }

  /** The session ref, when the runtime reported one. */
  get ref(): string | undefined {
    return this.sessionRef;
  }

  /** Runs a turn (the first may set `maxTokens`, `systemPrompt`, `outputSchema`, `structuredOutputRetries`). */
  startTurn(prompt: ContentInput, options: DeferredTurnOptions = {}): Promise<RunResult> {
    return this.client.startTurn(this.sessionId, prompt, options);
  }

  /** Runs a turn and streams its events. */
  stream(prompt: ContentInput, options: DeferredTurnOptions = {}): EventStream {
    return this.client.streamTurn(this.sessionId, prompt, options);
  }

  /** A `Session` handle for this session (its `lastResult` starts empty). */
  toSession(): Promise<Session> {
    return this.client.resumeSession(this.sessionId);
  }

  /** `DeferredSession(id=…[ ref=…])`. */
  override toString(): string {
    return `DeferredSession(id=${this.id}${this.ref ? ` ref=${this.ref}` : ''})`;
  }
}
