import type { SessionStore } from '@rkat/core';
import type { CommitFaultPoint } from '../sqlite/fault-points.js';
import { failingSessionStore } from './failing-store.js';
import { parseWriteFault, simulatedWriteError, strikesAt } from './write-fault.js';

/** How a write fault is wired into a store that is about to be opened. */
export interface WriteFaultInjection {
  /** The `faultPoints` option to open the SQLite store with (calls `base` first, when given). */
  faultPoints: ((name: CommitFaultPoint) => void) | undefined;
  /** Wraps the opened store (the identity when the fault strikes at a commit point). */
  wrap<T extends SessionStore>(store: T): T;
}

/**
 * Test hook behind `RKAT_TEST_FAULT_WRITE`: turns a `<target>:<nth>[-<last>]:<kind>` spec (see
 * `parseWriteFault`) into the pieces that inject it. An operation target wraps the store with
 * `failingSessionStore`; a commit fault point target throws the simulated error the nth to last times
 * the store reaches that point,
 * inside the boundary's transaction. Throws on a malformed spec.
 */
export function injectWriteFault(spec: string, base?: (name: CommitFaultPoint) => void): WriteFaultInjection {
  const fault = parseWriteFault(spec);
  if (!fault.target.startsWith('commit:')) {
    return { faultPoints: base, wrap: (store) => failingSessionStore(store, fault) };
  }
  let seen = 0;
  return {
    faultPoints: (name) => {
      base?.(name);
      if (name !== fault.target) return;
      seen += 1;
      if (strikesAt(fault, seen)) throw simulatedWriteError(fault.kind);
    },
    wrap: (store) => store,
  };
}
