import type { ToolDef } from '@rkat/contracts';
import { parseToolDefs } from './tool-definitions.js';

/** What changed in the registry between two revisions. Names are in registry order. */
export interface ExternalToolChange {
  /** The revision the observer had seen. */
  fromRevision: number;
  /** The revision this change brings the observer to. */
  revision: number;
  /** Names registered for the first time. */
  added: string[];
  /** Names whose existing definition was replaced. */
  replaced: string[];
}

/** Receives each change as it is registered. Must not throw (a throw is caught and ignored). */
export type ExternalToolChangeListener = (change: ExternalToolChange) => void;

interface Entry {
  tool: ToolDef;
  /** Revision that first registered the name. */
  addedAt: number;
  /** Revision of the current definition. */
  updatedAt: number;
}

/**
 * The process-global callback tools of `tools/register` (01 §16). A repeated name replaces the old
 * definition in place (it keeps its position); `list()` is in first-registration order. Every
 * registration that changes something bumps `revision` by one and notifies the listeners, so that a
 * session can apply the change at its next turn boundary with a `tool_config_changed` event.
 */
export class ExternalToolRegistry {
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<ExternalToolChangeListener>();
  #revision = 0;
  #snapshot: readonly ToolDef[] = Object.freeze([]);

  /** Starts at 0 and grows by one with every non-empty registration. */
  get revision(): number {
    return this.#revision;
  }

  /**
   * Registers (or replaces) tool definitions, all or nothing: every definition is validated first, and
   * `InvalidToolDefinitionError` (INVALID_PARAMS, naming the bad one) leaves the registry unchanged.
   * Returns `{registered}`, the number of definitions received.
   */
  register(tools: readonly unknown[]): { registered: number } {
    const parsed = parseToolDefs(tools, 'tools');
    if (parsed.length === 0) return { registered: 0 };
    const fromRevision = this.#revision;
    const revision = fromRevision + 1;
    for (const tool of parsed) {
      const existing = this.#entries.get(tool.name);
      this.#entries.set(tool.name, { tool, addedAt: existing?.addedAt ?? revision, updatedAt: revision });
    }
    this.#revision = revision;
    this.#snapshot = Object.freeze([...this.#entries.values()].map((entry) => entry.tool));
    const change = this.changesSince(fromRevision);
    if (change !== undefined) this.#notify(change);
    return { registered: parsed.length };
  }

  /** The registered definitions (a frozen array, replaced on every change). */
  list(): readonly ToolDef[] {
    return this.#snapshot;
  }

  /** The definition registered under `name`, if any. */
  get(name: string): ToolDef | undefined {
    return this.#entries.get(name)?.tool;
  }

  /**
   * What changed after `revision` (added and replaced names), or `undefined` when nothing did. A name
   * first registered after `revision` counts as added even if it was replaced since.
   */
  changesSince(revision: number): ExternalToolChange | undefined {
    if (revision >= this.#revision) return undefined;
    const added: string[] = [];
    const replaced: string[] = [];
    for (const [name, entry] of this.#entries) {
      if (entry.addedAt > revision) added.push(name);
      else if (entry.updatedAt > revision) replaced.push(name);
    }
    return { fromRevision: revision, revision: this.#revision, added, replaced };
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: ExternalToolChangeListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #notify(change: ExternalToolChange): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch {
        // A listener's failure must not undo or block a registration that already happened.
      }
    }
  }
}
