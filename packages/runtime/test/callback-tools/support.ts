import type { ToolDef } from '@rkat/contracts';
import type { Clock, ToolCall, ToolExecutionContext, ToolOutcome, ToolSource } from '@rkat/core';
import type { ToolCallbackPort, ToolCallbackRequest, ToolCallbackResult } from '../../src/index.js';

/** Hard timeout of every test that waits on a promise. */
export const WAIT = { timeout: 5_000 };

export function toolDef(name: string, description = `tool ${name}`): ToolDef {
  return { name, description, input_schema: { type: 'object' } };
}

interface PendingCall {
  request: ToolCallbackRequest;
  signal: AbortSignal;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** A client that answers each `tool/execute` only when the test says so. */
export class ScriptedPort implements ToolCallbackPort {
  readonly calls: PendingCall[] = [];
  #waiters: ((call: PendingCall) => void)[] = [];

  callTool(request: ToolCallbackRequest, signal: AbortSignal): Promise<ToolCallbackResult> {
    return new Promise<ToolCallbackResult>((resolve, reject) => {
      const call: PendingCall = { request, signal, resolve, reject };
      this.calls.push(call);
      this.#waiters.shift()?.(call);
    });
  }

  /** The `index`-th call, once it has been made. */
  async call(index: number): Promise<PendingCall> {
    const made = this.calls[index];
    if (made !== undefined) return made;
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

/** A port that answers every call at once with `answer(request)`. */
export function answeringPort(answer: (request: ToolCallbackRequest) => unknown): ToolCallbackPort & {
  requests: ToolCallbackRequest[];
} {
  const requests: ToolCallbackRequest[] = [];
  return {
    requests,
    callTool: (request) => {
      requests.push(request);
      return Promise.resolve(answer(request) as ToolCallbackResult);
    },
  };
}

/** A clock whose sleeps end only when the test calls `expire()`. */
export class ManualClock implements Clock {
  readonly sleeps: { ms: number; resolve(): void }[] = [];

  now(): number {
    return 0;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new Error('aborted'));
        return;
      }
      signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      this.sleeps.push({ ms, resolve });
    });
  }

  /** Ends every pending sleep. */
  expire(): void {
    for (const sleep of this.sleeps.splice(0)) sleep.resolve();
  }
}

/** A built-in tool source whose tools answer `builtin:<name>`. */
export function fakeBuiltins(names: string[], timeoutMs?: number): ToolSource & { executed: string[] } {
  const executed: string[] = [];
  return {
    executed,
    list: () => names.map((name) => toolDef(name, `builtin ${name}`)),
    execute: (call: ToolCall, _context: ToolExecutionContext): Promise<ToolOutcome> => {
      executed.push(call.name);
      return Promise.resolve({ content: `builtin:${call.name}`, isError: false });
    },
    timeoutMs: () => timeoutMs,
  };
}

export function context(signal: AbortSignal = new AbortController().signal): ToolExecutionContext {
  return { sessionId: 'session-1', signal };
}

export function call(name: string, args: Record<string, unknown> = {}, id = 'call-1'): ToolCall {
  return { id, name, args };
}
