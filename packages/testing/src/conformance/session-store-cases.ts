import { describe } from 'node:test';
import type { OpenSessionStore } from './session-store-harness.js';
import { registerCommitCases } from './session-store-commit-cases.js';
import { registerInputCases } from './session-store-input-cases.js';
import { registerMessageCases } from './session-store-message-cases.js';
import { registerReopenCases, registerSafetyCases } from './session-store-safety-cases.js';
import { registerSessionCases } from './session-store-session-cases.js';

/**
 * Registers the shared `SessionStore` conformance cases (node:test) under one `describe` named after
 * the store. `open` is called once per case and must return a fresh, empty store; the suite closes
 * every store it was given before calling `cleanup`. When the harness offers `reopen` (checked once
 * with a probe store), the close-and-reopen survival cases are registered too.
 *
 * Semantics pinned here beyond the port's JSDoc: listing ties break by `sessionId` ascending; patches
 * replace whole values (labels, settings); `updateSession` leaves `updatedAtMs` alone; a write that
 * breaks the contract schemas is refused with `corrupt`; `createSession` rejects a `messageCount` that
 * differs from the messages given (`conflict`); a boundary naming an unknown input is `not_found`, an
 * already finished one `conflict`; a closed store fails calls with `io` and may be closed twice.
 */
export function runSessionStoreConformance(name: string, open: OpenSessionStore): void {
  void describe(`SessionStore conformance: ${name}`, async () => {
    registerSessionCases(open);
    registerMessageCases(open);
    registerCommitCases(open);
    registerInputCases(open);
    registerSafetyCases(open);
    const probe = await open();
    const canReopen = probe.reopen !== undefined;
    await probe.store.close();
    await probe.cleanup();
    if (canReopen) registerReopenCases(open);
  });
}
