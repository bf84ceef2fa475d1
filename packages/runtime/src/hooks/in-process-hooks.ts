import type { HookInvocation } from '@rkat/core';
import type { HookCall } from './hook-call.js';
import { HookRuntimeError } from './hook-call.js';
import { parseHookResponse, type HookDecision } from './hook-response.js';

/**
 * A hook handler of the embedding program (`runtime: {kind: "in_process", config: {name}}`). It answers
 * like a `command` or `http` hook: `{decision?: {decision: "allow"} | {decision: "deny", reason_code,
 * message, payload?}}`, or nothing to observe. A throw is a hook failure.
 */
export type InProcessHookHandler = (invocation: HookInvocation, context: { signal: AbortSignal }) => unknown;

/** The in-process hook handlers of one runtime, by name. */
export class InProcessHookRegistry {
  readonly #handlers = new Map<string, InProcessHookHandler>();

  /** Registers (or replaces) the handler `name`; returns a function that removes it. */
  register(name: string, handler: InProcessHookHandler): () => void {
    this.#handlers.set(name, handler);
    return () => {
      if (this.#handlers.get(name) === handler) this.#handlers.delete(name);
    };
  }

  has(name: string): boolean {
    return this.#handlers.has(name);
  }

  /** Runs the handler `name` (an unregistered name is a hook failure). */
  async run(name: string, call: HookCall): Promise<HookDecision> {
    const handler = this.#handlers.get(name);
    if (handler === undefined) throw new HookRuntimeError(`in-process handler '${name}' not registered`);
    let answer: unknown;
    try {
      answer = await handler(call.invocation, { signal: call.signal });
    } catch (error) {
      throw new HookRuntimeError(
        `in-process hook failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return parseHookResponse(answer ?? {});
  }
}
