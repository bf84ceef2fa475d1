import type { ToolDef, ToolFilter } from '@rkat/contracts';
import type { Clock, ToolCall, ToolExecutionContext, ToolOutcome, ToolSource } from '@rkat/core';
import { CallbackToolSource } from './callback-tool-source.js';
import type { ExternalToolChange, ExternalToolRegistry } from './external-tool-registry.js';
import type { ToolCallbackPort } from './tool-callback-port.js';
import { isToolVisible, type FlowToolOverlay } from './tool-visibility.js';

/** Inputs of `composeSessionTools`. */
export interface ComposeSessionToolsOptions {
  /** The built-in tools of this session (undefined: `enable_builtins` off). */
  builtins: ToolSource | undefined;
  /** The process-global `tools/register` definitions. */
  globalTools: ExternalToolRegistry;
  /** The session's `external_tools` (already validated, e.g. with `parseToolDefs`). */
  sessionTools: readonly ToolDef[];
  /** How to reach the client; without one no callback tool (global or session) is offered. */
  port: ToolCallbackPort | undefined;
  /** The session's `tool_filter`; absent means `"All"`. */
  filter?: ToolFilter;
  /** The turn's `flow_tool_overlay`. */
  overlay?: FlowToolOverlay;
  /** Timeout of one callback; default 30 s. */
  callbackTimeoutMs?: number;
  /** Per-tool timeouts (config `tools.tool_timeouts`); they win over every other timeout of that tool. */
  toolTimeoutsMs?: Readonly<Record<string, number>>;
  /** Timeout of a built-in tool call when neither the override nor the tool names one (`tools.default_timeout`). */
  builtinTimeoutMs?: number;
  /** Timer of the callback timeout (tests). */
  clock?: Clock;
  /**
   * The registry revision this session has already announced; default the registry's current revision
   * (nothing to announce). Pass the `appliedRevision` of the session's previous tool set to announce
   * registrations made while the session was idle at its next run's first turn.
   */
  appliedRevision?: number;
  /**
   * Called from `list()` — that is, at the turn boundary where the loop picks up the tools — when global
   * registrations newer than `appliedRevision` take effect (only when a port is present). Use
   * `externalToolChangeEvent` to emit the `tool_config_changed` event. Must not throw (a throw is ignored).
   */
  onGlobalToolsApplied?: (change: ExternalToolChange) => void;
}

type Owner = { kind: 'callback' } | { kind: 'builtin' };

interface View {
  revision: number;
  defs: readonly ToolDef[];
  owners: ReadonlyMap<string, Owner>;
  callbacks: CallbackToolSource | undefined;
}

/**
 * The tool set of one session run: built-ins, global callback tools and the session's own callback tools,
 * with precedence session `external_tools` > global `tools/register` > built-ins for a shared name (01
 * §6.1: inline tools beat global ones; a client-defined tool deliberately overrides a built-in of the same
 * name). `list()` is stable: unshadowed built-ins in their order, then unshadowed global tools in
 * registration order, then session tools in their order. Tools hidden by the filter or the overlay are
 * neither listed nor executable (`unknown tool: <name>` error outcome). New global registrations are
 * picked up by the next `list()` call, i.e. at the loop's next turn boundary.
 */
export class SessionToolSource implements ToolSource {
  readonly #options: ComposeSessionToolsOptions;
  #view: View;
  #appliedRevision: number;

  constructor(options: ComposeSessionToolsOptions) {
    this.#options = options;
    this.#view = this.#build();
    this.#appliedRevision = Math.min(options.appliedRevision ?? this.#view.revision, this.#view.revision);
  }

  /** The registry revision whose changes this tool set has applied (and announced). */
  get appliedRevision(): number {
    return this.#appliedRevision;
  }

  list(): readonly ToolDef[] {
    const { globalTools, port, onGlobalToolsApplied } = this.#options;
    if (globalTools.revision !== this.#view.revision) this.#view = this.#build();
    if (this.#appliedRevision < this.#view.revision) {
      const change = globalTools.changesSince(this.#appliedRevision);
      this.#appliedRevision = this.#view.revision;
      if (change !== undefined && port !== undefined && onGlobalToolsApplied !== undefined) {
        try {
          onGlobalToolsApplied(change);
        } catch {
          // Announcing is best effort; the tools are applied either way and the run must go on.
        }
      }
    }
    return this.#view.defs;
  }

  timeoutMs(name: string): number | undefined {
    const owner = this.#view.owners.get(name);
    if (owner === undefined) return undefined;
    if (owner.kind === 'callback') return this.#view.callbacks?.timeoutMs(name);
    const { toolTimeoutsMs, builtins, builtinTimeoutMs } = this.#options;
    if (toolTimeoutsMs !== undefined && Object.hasOwn(toolTimeoutsMs, name)) return toolTimeoutsMs[name];
    return builtins?.timeoutMs?.(name) ?? builtinTimeoutMs;
  }

  async execute(call: ToolCall, context: ToolExecutionContext): Promise<ToolOutcome> {
    const owner = this.#view.owners.get(call.name);
    const source = owner?.kind === 'callback' ? this.#view.callbacks : this.#options.builtins;
    if (owner === undefined || source === undefined) {
      return { content: `unknown tool: ${call.name}`, isError: true };
    }
    return source.execute(call, context);
  }

  #build(): View {
    const { builtins, globalTools, sessionTools, port, filter, overlay } = this.#options;
    const revision = globalTools.revision;
    const sessionByName = new Map(sessionTools.map((tool) => [tool.name, tool]));
    const globals = port === undefined ? [] : globalTools.list();
    const session = port === undefined ? [] : [...sessionByName.values()];
    const shadowed = new Set([...globals, ...session].map((tool) => tool.name));
    const callbackDefs = [...globals.filter((tool) => !sessionByName.has(tool.name)), ...session].filter(
      (tool) => isToolVisible(tool.name, filter, overlay),
    );
    const builtinDefs = (builtins?.list() ?? []).filter(
      (tool) => !shadowed.has(tool.name) && isToolVisible(tool.name, filter, overlay),
    );
    const owners = new Map<string, Owner>();
    for (const tool of builtinDefs) owners.set(tool.name, { kind: 'builtin' });
    for (const tool of callbackDefs) owners.set(tool.name, { kind: 'callback' });
    const callbacks =
      port === undefined
        ? undefined
        : new CallbackToolSource(port, callbackDefs, {
            timeoutMs: this.#options.callbackTimeoutMs,
            timeoutsMs: this.#options.toolTimeoutsMs,
            clock: this.#options.clock,
          });
    return { revision, defs: Object.freeze([...builtinDefs, ...callbackDefs]), owners, callbacks };
  }
}

/**
 * Builds the tool set of one session run (see `SessionToolSource` for precedence, order, visibility and
 * how global registrations are applied). Throws `RangeError` for a non-positive `callbackTimeoutMs`.
 */
export function composeSessionTools(options: ComposeSessionToolsOptions): SessionToolSource {
  return new SessionToolSource(options);
}
