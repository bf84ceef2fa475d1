import type { SessionMessage, Usage } from '@rkat/contracts';
import { addUsage, emptyUsage } from '../usage/usage.js';
import { storeError } from './agent-error.js';
import type { BoundaryWrite } from './run-options.js';

/**
 * Collects the messages and usage of a run between turn boundaries and hands them to the durable
 * `commit` (00-decisions.md §16). Pending data is dropped from the buffer only after a commit succeeds.
 */
export class BoundaryWriter {
  readonly #commit: (write: BoundaryWrite) => Promise<void>;
  readonly #all: SessionMessage[] = [];
  #pending: SessionMessage[] = [];
  #usage: Usage = emptyUsage();

  constructor(commit: (write: BoundaryWrite) => Promise<void>) {
    this.#commit = commit;
  }

  /** Every message this run appended, committed or not. */
  get messages(): readonly SessionMessage[] {
    return this.#all;
  }

  append(message: SessionMessage): void {
    this.#all.push(message);
    this.#pending.push(message);
  }

  addUsage(usage: Usage): void {
    this.#usage = addUsage(this.#usage, usage);
  }

  /**
   * Commits the pending messages and usage. A non-final flush with no pending message writes nothing;
   * a final flush always writes. A rejected commit throws an `AgentError` of class `store`.
   */
  async flush(final: boolean): Promise<void> {
    if (!final && this.#pending.length === 0) return;
    try {
      await this.#commit({ messages: [...this.#pending], usage: this.#usage, final });
    } catch (error) {
      throw storeError(error);
    }
    this.#pending = [];
    this.#usage = emptyUsage();
  }
}
