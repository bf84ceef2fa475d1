import type { ToolSource } from '@rkat/core';
import {
  composeSessionTools,
  externalToolChangeEvent,
  type ExternalToolRegistry,
  type SessionServiceOptions,
} from '@rkat/runtime';
import type { CallbackScope } from './callback-scope.js';

/** Inputs of `sessionToolsFactory`. */
export interface SessionToolsOptions {
  /** The built-in tools (sessions get them unless created with `enable_builtins: false`, 01 §6.1). */
  builtins: ToolSource;
  /** The process-global `tools/register` definitions. */
  registry: ExternalToolRegistry;
  /** Where the client of the starting run is found. */
  scope: CallbackScope;
}

/**
 * The runtime's `toolsFor`: built-ins (rkat-rpc default on), the global callback tools and the session's
 * `external_tools`, reached through the client of the request that starts the run. A run nobody's request
 * started (a background run) gets no callback tools. The session's `tool_filter` and the turn's overlay are
 * applied by the runtime.
 *
 * Tools registered after a session's previous run take effect at its next turn boundary, announced with a
 * `tool_config_changed` event (01 §16); a session's first run starts from the registry as it is.
 */
export function sessionToolsFactory(options: SessionToolsOptions): SessionServiceOptions['toolsFor'] {
  const appliedRevisions = new Map<string, number>();
  return ({ sessionId, settings, emit }) => {
    const source = composeSessionTools({
      builtins: settings.enable_builtins === false ? undefined : options.builtins,
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
    return source;
  };
}
