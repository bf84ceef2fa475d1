import type { ToolSource } from '@rkat/core';
import { composeSessionTools, type ExternalToolRegistry, type SessionServiceOptions } from '@rkat/runtime';
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
 */
export function sessionToolsFactory(options: SessionToolsOptions): SessionServiceOptions['toolsFor'] {
  return ({ settings }) =>
    composeSessionTools({
      builtins: settings.enable_builtins === false ? undefined : options.builtins,
      globalTools: options.registry,
      sessionTools: settings.external_tools ?? [],
      port: options.scope.current(),
    });
}
