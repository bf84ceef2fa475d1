import type { HookInvocation } from '@rkat/core';
import { runCommandHook } from './command-hook.js';
import { HookRuntimeError, type HookCall } from './hook-call.js';
import type { ResolvedHookEntry } from './hook-entries.js';
import type { HookDecision } from './hook-response.js';
import { runHttpHook } from './http-hook.js';
import type { InProcessHookRegistry } from './in-process-hooks.js';

/** How one hook ended: its decision, or why it failed (`timedOut` when its timeout expired). */
export type HookOutcome =
  | { ok: true; decision: HookDecision; durationMs: number }
  | { ok: false; error: string; timedOut: boolean; durationMs: number };

export interface HookExecutionOptions {
  registry: InProcessHookRegistry;
  cwd: string;
  defaultTimeoutMs: number;
  payloadMaxBytes: number;
  /** The run's signal (foreground hooks), if any. */
  signal?: AbortSignal;
  now(): number;
}

function adapterCall(entry: ResolvedHookEntry, call: HookCall, registry: InProcessHookRegistry) {
  const { runtime } = entry;
  switch (runtime.kind) {
    case 'in_process':
      return registry.run(runtime.name, call);
    case 'command':
      return runCommandHook(runtime, call);
    case 'http':
      return runHttpHook(runtime, call);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one hook with its timeout (`timeout_ms`, else `hooks.default_timeout_ms`) and the payload bound
 * (`hooks.payload_max_bytes`, on the invocation and on the answer). Never throws. On timeout the call's
 * signal aborts (a `command` hook is killed, an `http` request cancelled) and a late answer is ignored.
 */
export async function executeHook(
  entry: ResolvedHookEntry,
  invocation: HookInvocation,
  payload: Buffer,
  options: HookExecutionOptions,
): Promise<HookOutcome> {
  const startedAt = options.now();
  const elapsed = (): number => Math.max(0, Math.round(options.now() - startedAt));
  if (payload.length > options.payloadMaxBytes) {
    const error = `hook payload exceeds max size: ${payload.length} > ${options.payloadMaxBytes}`;
    return { ok: false, error, timedOut: false, durationMs: 0 };
  }
  const timeoutMs = entry.timeoutMs ?? options.defaultTimeoutMs;
  const controller = new AbortController();
  const onRunAbort = (): void => controller.abort(new HookRuntimeError('run stopped'));
  options.signal?.addEventListener('abort', onRunAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const call: HookCall = {
    hookId: entry.id,
    invocation,
    payload,
    maxResponseBytes: options.payloadMaxBytes,
    signal: controller.signal,
    cwd: options.cwd,
  };
  const running = adapterCall(entry, call, options.registry).then(
    (decision) => ({ decision }),
    (error: unknown) => ({ error: describe(error) }),
  );
  try {
    const first = await Promise.race([running, timeout]);
    if (first === 'timeout') {
      controller.abort(new HookRuntimeError('timeout'));
      return {
        ok: false,
        error: `hook timed out after ${timeoutMs}ms`,
        timedOut: true,
        durationMs: elapsed(),
      };
    }
    if ('error' in first) return { ok: false, error: first.error, timedOut: false, durationMs: elapsed() };
    return { ok: true, decision: first.decision, durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onRunAbort);
  }
}
