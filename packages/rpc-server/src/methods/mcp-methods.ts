import { RuntimeError, type McpLiveRequest, type Runtime } from '@rkat/runtime';
import { McpConfigError, parseMcpServerConfig } from '@rkat/tools';
import type { RpcMethod } from '../transport/index.js';
import type { MethodDeps } from './method-deps.js';
import { invalidParams, parseParams } from './params.js';

const AddParams = {
  type: 'object',
  properties: {
    session_id: { type: 'string' },
    server_config: { type: 'object' },
    persisted: { type: 'boolean' },
  },
  required: ['session_id', 'server_config'],
  additionalProperties: false,
} as const;

const RemoveParams = {
  type: 'object',
  properties: {
    session_id: { type: 'string' },
    server_name: { type: 'string' },
    persisted: { type: 'boolean' },
  },
  required: ['session_id', 'server_name'],
} as const;

const ReloadParams = {
  type: 'object',
  properties: {
    session_id: { type: 'string' },
    server_name: { type: 'string' },
    persisted: { type: 'boolean' },
  },
  required: ['session_id'],
} as const;

interface McpParams {
  session_id: string;
  server_name?: string;
  persisted?: boolean;
}

/** The session the request names, which must exist and not be archived (-32001 otherwise). */
async function activeSessionId(runtime: Runtime, locator: string): Promise<string> {
  const info = await runtime.sessions.readSession(locator);
  if (info.archived) throw new RuntimeError('SESSION_NOT_FOUND', `Session not found: ${info.sessionId}`);
  return info.sessionId;
}

function serverConfigOf(raw: unknown): McpLiveRequest & { operation: 'add' } {
  try {
    return { operation: 'add', config: parseMcpServerConfig(raw, 'server_config'), persisted: false };
  } catch (error) {
    if (error instanceof McpConfigError) throw invalidParams(error.message);
    throw error;
  }
}

/**
 * Stages the change on the session and answers exactly the documented keys (01 §13, 00-decisions §12):
 * `{session_id (as sent), operation, server_name?, status: "staged", persisted}`.
 */
async function stage(runtime: Runtime, params: McpParams, request: McpLiveRequest): Promise<unknown> {
  const sessionId = await activeSessionId(runtime, params.session_id);
  const staged = await runtime.sessionTools.stageMcp(sessionId, request);
  return {
    session_id: params.session_id,
    operation: staged.operation,
    ...(staged.server_name === undefined ? {} : { server_name: staged.server_name }),
    status: staged.status,
    persisted: request.persisted,
  };
}

/**
 * `mcp/add`, `mcp/remove`, `mcp/reload` (01 §13): live MCP changes staged to the session's next turn
 * boundary, where the connect and tool listing happen and a `tool_config_changed` event reports each one.
 * `persisted: true` also writes the project `.rkat/mcp.toml` (rolled back if staging is refused).
 */
export function mcpMethods({ runtime }: MethodDeps): Record<string, RpcMethod> {
  return {
    'mcp/add': {
      async handle(raw) {
        const params = parseParams<McpParams & { server_config: unknown }>(AddParams, raw);
        const request = { ...serverConfigOf(params.server_config), persisted: params.persisted ?? false };
        return stage(runtime, params, request);
      },
    },
    'mcp/remove': {
      async handle(raw) {
        const params = parseParams<McpParams & { server_name: string }>(RemoveParams, raw);
        const persisted = params.persisted ?? false;
        return stage(runtime, params, { operation: 'remove', serverName: params.server_name, persisted });
      },
    },
    'mcp/reload': {
      async handle(raw) {
        const params = parseParams<McpParams>(ReloadParams, raw);
        const persisted = params.persisted ?? false;
        const request: McpLiveRequest =
          params.server_name === undefined
            ? { operation: 'reload', persisted }
            : { operation: 'reload', serverName: params.server_name, persisted };
        return stage(runtime, params, request);
      },
    },
  };
}
