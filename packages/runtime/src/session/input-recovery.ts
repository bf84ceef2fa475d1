import { isDeepStrictEqual } from 'node:util';
import type { SessionMessage } from '@rkat/contracts';
import { userMessage, type InputRecord, type SessionStore } from '@rkat/core';
import { BoundaryCommitter, type CommittedSession } from './boundary-committer.js';

/** Whether the run that accepted `input` committed its prompt before it died (its first boundary did). */
function alreadyCommitted(history: readonly SessionMessage[], input: InputRecord): boolean {
  return history.some(
    (message) =>
      message.role === 'user' &&
      Date.parse(message.created_at) >= input.acceptedAtMs &&
      isDeepStrictEqual(message.content, input.content),
  );
}

/**
 * Inputs, per store, whose run failed in this process but whose `abandoned` state the store refused (a
 * full disk). Kept beside the store rather than on the loaded session, which is dropped after a failure.
 */
const unwrittenAbandons = new WeakMap<SessionStore, Set<string>>();

/** Records that `inputId`'s run failed and was reported abandoned, but the store could not record it. */
export function rememberUnwrittenAbandon(store: SessionStore, inputId: string): void {
  const inputs = unwrittenAbandons.get(store) ?? new Set<string>();
  inputs.add(inputId);
  unwrittenAbandons.set(store, inputs);
}

/**
 * Settles the inputs a dead run left `accepted` (architecture.md "A turn, as data", orphaned inputs),
 * oldest first, before the next turn of the session runs under its claim. An input whose prompt is
 * already in the committed transcript is marked consumed; any other is re-delivered: its prompt is
 * committed as a user message in the same transaction that consumes it, so the next model call sees it
 * exactly once and no later recovery can deliver it again. Returns how many inputs were re-delivered.
 * Rejects with the store's error (nothing of that input is then written).
 */
export async function recoverOrphanedInputs(
  store: SessionStore,
  session: CommittedSession,
  now: () => number,
): Promise<number> {
  let redelivered = 0;
  for (const input of await store.pendingInputs(session.record.sessionId)) {
    const committer = new BoundaryCommitter(store, session, input.inputId, now);
    const unwritten = unwrittenAbandons.get(store);
    if (unwritten?.has(input.inputId)) {
      // Its run failed and the client was told so; delivering it now would run it behind the client's back.
      await committer.settleInput('abandoned');
      unwritten.delete(input.inputId);
    } else if (alreadyCommitted(session.history, input)) {
      await committer.consumeWith([]);
    } else {
      await committer.consumeWith([userMessage(input.content, now())]);
      redelivered += 1;
    }
  }
  return redelivered;
}
