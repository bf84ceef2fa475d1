import type { ToolSource } from '@rkat/core';
import {
  composeSessionTools,
  externalToolChangeEvent,
  type ExternalToolRegistry,
  type RealmConfig,
  type SessionServiceOptions,
  type ToolsForSession,
} from '@rkat/runtime';
import type { CallbackScope } from './callback-scope.js';

/** Inputs of `sessionToolsFactory`. */
export interface SessionToolsOptions {
  /** The process-global `tools/register` definitions. */
  registry: ExternalToolRegistry;
  /** Where the client of the starting run is found. */
  scope: CallbackScope;
  /** The realm config's `[tools]` timeouts now, read when a run starts (`undefined`: the defaults). */
  toolTimeouts?: () => RealmConfig['tools'] | undefined;
  /**
   * The session's local tools (built-ins, shell, MCP servers), built at the boundary where the run starts;
   * applies the session's `enable_builtins`/`enable_shell` itself (01 §6.1).
   */
  localTools: (session: ToolsForSession) => Promise<ToolSource>;
  /** Wraps the composed tools, e.g. the `tools.max_concurrent` cap. */
  limit?: (tools: ToolSource) => ToolSource;
}

/**
 * The runtime's `toolsFor`: the session's local tools (built-ins, shell, MCP servers), the global callback tools and the session's
 * `external_tools`, reached through the client of the request that starts the run. A run nobody's request
 * started (a background run) gets no callback tools. The session's `tool_filter` and the turn's overlay are
 * applied by the runtime.
 *
 * Tools registered after a session's previous run take effect at its next turn boundary, announced with a
 * `tool_config_changed` event (01 §16); a session's first run starts from the registry as it is.
 */
export function sessionToolsFactory(options: SessionToolsOptions): SessionServiceOptions['toolsFor'] {
  const appliedRevisions = new Map<string, number>();
  return async (session) => {
    const { sessionId, settings, emit } = session;
    const local = await options.localTools(session);
    const timeouts = options.toolTimeouts?.();
    const source = composeSessionTools({
      ...(timeouts
        ? { toolTimeoutsMs: timeouts.timeoutsMs, builtinTimeoutMs: timeouts.defaultTimeoutMs }
        : {}),
      builtins: local,
      globalTools: options.registry,
      sessionTools: settings.external_tools ?? [],
      port: options.scope.current(),
      ...(appliedRevisions.has(sessionId) ? { appliedRevision: appliedRevisions.get(sessionId) } : {}),
      onGlobalToolsApplied: (change) => {
        appliedRevisions.set(sessionId, change.revision);
        emit(externalToolChangeEvent(change));
      },
    });
    appliedRevisions.set(sessionId, source.appliedRevision);
    return options.limit ? options.limit(source) : source;
  };
}
