/** The default time a client has to answer one `tool/execute` callback (01 §16). */
export const CALLBACK_TOOL_TIMEOUT_MS = 30_000;

/** One callback-tool call as sent to the client (`tool/execute` params, wire names). */
export interface ToolCallbackRequest {
  tool_use_id: string;
  name: string;
  arguments: Record<string, unknown>;
}

/** The client's answer (`tool/execute` result, wire names). */
export interface ToolCallbackResult {
  content: string;
  is_error: boolean;
}

/**
 * How a surface reaches the client that owns callback tools (rkat-rpc: a `tool/execute` server → client
 * request). `callTool` resolves with the client's result as received; the caller validates its shape, so
 * an implementation may pass through whatever the client sent. It rejects when the client answers with a
 * JSON-RPC error or the connection is gone. When `signal` aborts (interrupt or timeout) the implementation
 * should forget the pending request, so that a late reply is ignored like one with an unknown id.
 */
export interface ToolCallbackPort {
  callTool(request: ToolCallbackRequest, signal: AbortSignal): Promise<ToolCallbackResult>;
}
