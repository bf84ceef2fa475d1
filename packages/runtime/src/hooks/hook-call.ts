import type { HookInvocation } from '@rkat/core';
import type { HookDecision } from './hook-response.js';

/** What one adapter call gets: the invocation, its JSON bytes, the bounds and the call's signal. */
export interface HookCall {
  hookId: string;
  invocation: HookInvocation;
  /** The invocation as JSON (already checked against `payloadMaxBytes`). */
  payload: Buffer;
  /** Bound of the hook's answer, in bytes (`hooks.payload_max_bytes`). */
  maxResponseBytes: number;
  /** Aborted on timeout and when the run stops. */
  signal: AbortSignal;
  /** Working directory of `command` hooks (the context root). */
  cwd: string;
}

/** A hook adapter failure; `message` is safe to show (no env values, headers or URLs). */
export class HookRuntimeError extends Error {
  override readonly name = 'HookRuntimeError';
}

export type HookAdapter = (call: HookCall) => Promise<HookDecision>;
