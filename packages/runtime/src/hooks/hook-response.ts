import { HookReasonCode as HookReasonCodeSchema, checkContract, type HookReasonCode } from '@rkat/contracts';

/** What a hook answered (02 §6.1): a decision, or nothing (an observer). */
export type HookDecision =
  | { decision: 'allow' }
  | { decision: 'deny'; reasonCode: HookReasonCode; message: string; payload?: unknown }
  | undefined;

/** A hook that ran but broke its contract (bad JSON, unknown decision, patches). */
export class HookResponseError extends Error {
  override readonly name = 'HookResponseError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a hook response `{decision?, patches?}`. `rewrite` is retired, so non-empty `patches` are
 * rejected. A deny needs a known `reason_code`; its `message` defaults to empty and its `hook_id` is
 * ignored (the entry's own id is reported, so a hook cannot speak for another).
 */
export function parseHookResponse(value: unknown): HookDecision {
  if (!isRecord(value)) throw new HookResponseError('hook response must be a JSON object');
  const patches = value.patches;
  if (patches !== undefined && patches !== null) {
    if (!Array.isArray(patches)) throw new HookResponseError('hook response patches must be an array');
    if (patches.length > 0)
      throw new HookResponseError('hook patches are not supported (rewrite is retired)');
  }
  const decision = value.decision;
  if (decision === undefined || decision === null) return undefined;
  if (!isRecord(decision)) throw new HookResponseError('hook decision must be an object');
  if (decision.decision === 'allow') return { decision: 'allow' };
  if (decision.decision !== 'deny') {
    throw new HookResponseError(`unknown hook decision '${String(decision.decision)}'`);
  }
  if (!checkContract<HookReasonCode>(HookReasonCodeSchema, decision.reason_code).ok) {
    throw new HookResponseError(`unknown hook reason_code '${String(decision.reason_code)}'`);
  }
  const message = typeof decision.message === 'string' ? decision.message : '';
  return {
    decision: 'deny',
    reasonCode: decision.reason_code as HookReasonCode,
    message,
    ...(decision.payload !== undefined && decision.payload !== null ? { payload: decision.payload } : {}),
  };
}

/** Parses the bytes of a `command` or `http` hook's answer. */
export function parseHookResponseBytes(bytes: Buffer, source: string): HookDecision {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new HookResponseError(`invalid ${source} hook response: not JSON`);
  }
  return parseHookResponse(value);
}
