import assert from 'node:assert/strict';
import { StoreError, type SessionStore, type StoreErrorCode } from '@rkat/core';

/** One fresh, empty store for one test case. */
export interface SessionStoreHarness {
  store: SessionStore;
  /**
   * Opens the same storage again after the suite has closed `store` (and any earlier reopened store).
   * Omit it for stores that keep nothing across a close; the survival cases are then not registered.
   */
  reopen?: () => Promise<SessionStore>;
  /** Removes the storage. Called once per case, after every store the case opened is closed. */
  cleanup(): Promise<void>;
}

/** Opens a fresh harness; called once per test case. */
export type OpenSessionStore = () => Promise<SessionStoreHarness>;

/** What a case body gets: the store, and `reopen` that closes the current store and opens it again. */
export interface CaseContext {
  reopen(): Promise<SessionStore>;
}

/** Every case waits on I/O; none may hang the suite. */
export const CASE_TIMEOUT = { timeout: 10_000 };

/** Runs one case against a fresh store, closing every store it opened and cleaning up afterwards. */
export async function withStore(
  open: OpenSessionStore,
  body: (store: SessionStore, context: CaseContext) => Promise<void>,
): Promise<void> {
  const harness = await open();
  let current = harness.store;
  const context: CaseContext = {
    reopen: async () => {
      if (harness.reopen === undefined) throw new Error('this harness cannot reopen its store');
      await current.close();
      current = await harness.reopen();
      return current;
    },
  };
  try {
    await body(harness.store, context);
  } finally {
    try {
      await current.close();
    } finally {
      await harness.cleanup();
    }
  }
}

/** Asserts that `promise` rejects with a `StoreError` of the given code. */
export async function rejectsWithCode(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof StoreError, `expected a StoreError, got ${String(error)}`);
    assert.equal(error.code, code, `expected code ${code}, got ${error.code}: ${error.message}`);
    return true;
  });
}

/** Everything a store holds for one session, to prove a failed write changed nothing. */
export async function snapshotSession(store: SessionStore, sessionId: string): Promise<unknown> {
  return {
    record: await store.getSession(sessionId),
    messages: await store.readMessages(sessionId),
    pending: await store.pendingInputs(sessionId),
  };
}
