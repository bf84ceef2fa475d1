import { ClientCore, isRecord } from './client-core.js';
import { MeerkatError } from './errors.js';
import { parseRunResult } from './parse.js';
import { parseCommsSendReceipt, type CommsSendReceipt } from './parse-helpers.js';
import type { CommsCommand } from './comms-types.js';
import type { RunResult } from './types.js';

/**
 * Methods of the RPC families this runtime does not serve yet, with their final signatures. Each raises
 * `CapabilityUnavailableError` naming the capability while its method is not in `methods`.
 */
export class FamilyMethods extends ClientCore {
  /** Injects context text into a session (`session/inject_context`). */
  async injectContext(
    sessionId: string,
    text: string,
    options: { source?: string; idempotencyKey?: string } = {},
  ): Promise<{ status: string }> {
    const params: Record<string, unknown> = { session_id: sessionId, text };
    if (options.source !== undefined) params.source = options.source;
    if (options.idempotencyKey !== undefined) params.idempotency_key = options.idempotencyKey;
    const raw = await this.requestServed('session/inject_context', params);
    return { status: isRecord(raw) ? String(raw.status ?? '') : '' };
  }

  /** Sends an external event to a session (`session/external_event`, kind `generic_json`). */
  async sendExternalEvent(
    sessionId: string,
    eventType: string,
    payload: unknown,
    options: { blocks?: unknown[] } = {},
  ): Promise<Record<string, unknown>> {
    const params: Record<string, unknown> = {
      session_id: sessionId,
      event_type: eventType,
      payload,
      kind: 'generic_json',
    };
    if (options.blocks !== undefined) params.blocks = options.blocks;
    return this.served('session/external_event', params);
  }

  /** Answers a peer request terminally (`session/peer_response_terminal`). */
  sendPeerResponseTerminal(
    sessionId: string,
    peerId: string,
    requestId: string,
    status: string,
    result: unknown,
    options: { displayName?: string } = {},
  ): Promise<Record<string, unknown>> {
    const params: Record<string, unknown> = {
      session_id: sessionId,
      peer_id: peerId,
      request_id: requestId,
      status,
      result,
    };
    if (options.displayName !== undefined) params.display_name = options.displayName;
    return this.served('session/peer_response_terminal', params);
  }

  /**
   * Sends a typed comms command from a session (`comms/send`): the command is spread into the params as given,
   * and `session_id` is always `sessionId` (a stray `session_id` in an untyped command does not redirect it).
   */
  async send(sessionId: string, command: CommsCommand): Promise<CommsSendReceipt> {
    return parseCommsSendReceipt(await this.served('comms/send', { ...command, session_id: sessionId }));
  }

  /** The peers of a session (`comms/peers`). */
  peers(sessionId: string): Promise<Record<string, unknown>> {
    return this.served('comms/peers', { session_id: sessionId });
  }

  /** Skill sources and skills (`skills/list`). */
  listSkills(): Promise<Record<string, unknown>> {
    return this.served('skills/list', {});
  }

  /** Asks the built-in help agent (`help/ask`). */
  async askHelp(
    question: string,
    options: { executionMode?: string; model?: string; provider?: string } = {},
  ): Promise<RunResult> {
    const params: Record<string, unknown> = { question };
    if (options.executionMode !== undefined) params.execution_mode = options.executionMode;
    if (options.model) params.model = options.model;
    if (options.provider) params.provider = options.provider;
    return parseRunResult(await this.requestServed('help/ask', params));
  }

  /** Alias of `mcpAdd`. */
  mcp_add(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.mcpAdd(params);
  }

  /** Alias of `mcpRemove`. */
  mcp_remove(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.mcpRemove(params);
  }

  /** Alias of `mcpReload`. */
  mcp_reload(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.mcpReload(params);
  }

  /** Adds an MCP server to a live session (`mcp/add`, wire params). */
  async mcpAdd(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return checkMcpResult(await this.served('mcp/add', params));
  }

  /** Removes an MCP server from a live session (`mcp/remove`, wire params). */
  async mcpRemove(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return checkMcpResult(await this.served('mcp/remove', params));
  }

  /** Reloads MCP servers of a live session (`mcp/reload`, wire params). */
  async mcpReload(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return checkMcpResult(await this.served('mcp/reload', params));
  }

  /** @internal `requestServed`, the result as a record (`{}` when not one). */
  protected async served(method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const raw = await this.requestServed(method, params);
    return isRecord(raw) ? raw : {};
  }
}

/**
 * 03 §3.2: an `mcp/*` result must have a non-empty `session_id`, an `operation` of add/remove/reload, a non-empty
 * `status` and a boolean `persisted` (else `INVALID_RESPONSE` "Invalid mcp response: …"); other keys are allowed.
 */
function checkMcpResult(raw: Record<string, unknown>): Record<string, unknown> {
  const invalid = (why: string): MeerkatError =>
    new MeerkatError('INVALID_RESPONSE', `Invalid mcp response: ${why}`, raw);
  if (typeof raw.session_id !== 'string' || raw.session_id === '')
    throw invalid('session_id must be a non-empty string');
  if (raw.operation !== 'add' && raw.operation !== 'remove' && raw.operation !== 'reload')
    throw invalid('operation must be add, remove or reload');
  if (typeof raw.status !== 'string' || raw.status === '') throw invalid('status must be a non-empty string');
  if (typeof raw.persisted !== 'boolean') throw invalid('persisted must be a boolean');
  return raw;
}
