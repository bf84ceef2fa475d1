/**
 * Why an MCP server could not serve a request:
 * - `connect_failed`: spawn failed, the server exited or refused during startup, or the handshake failed.
 * - `connect_timeout` / `list_timeout` / `call_timeout`: no answer within the budget.
 * - `connection_closed`: the server went away (crashed, exited, dropped the stream) — it is now failed.
 * - `transport_error`: the transport could not deliver a request (HTTP error, network down) — failed too.
 * - `call_failed`: the server answered a call with a JSON-RPC error; the server itself is fine.
 * - `cancelled`: the caller's signal aborted the request.
 * - `unavailable`: the server is already marked failed or closed; no request was sent.
 */
export type McpServerErrorKind =
  | 'connect_failed'
  | 'connect_timeout'
  | 'list_timeout'
  | 'call_timeout'
  | 'connection_closed'
  | 'transport_error'
  | 'call_failed'
  | 'cancelled'
  | 'unavailable';

/** A typed MCP failure. The message names the server and never carries its secrets. */
export class McpServerError extends Error {
  override readonly name = 'McpServerError';

  constructor(
    readonly server: string,
    readonly kind: McpServerErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Why `stageAdd`/`stageRemove`/`stageReload` refused; the messages are the ones 01 §13 specifies. */
export type McpStagingErrorCode = 'empty_server_name' | 'not_registered' | 'already_registered' | 'closed';

/** A refused `mcp/add|remove|reload`; the runtime answers -32602 with this message. */
export class McpStagingError extends Error {
  override readonly name = 'McpStagingError';

  constructor(
    readonly code: McpStagingErrorCode,
    message: string,
  ) {
    super(message);
  }
}
