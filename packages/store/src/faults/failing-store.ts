import type { SessionStore } from '@rkat/core';
import { toStoreError } from '../sqlite/sqlite-errors.js';
import {
  simulatedWriteError,
  strikesAt,
  WRITE_OPERATIONS,
  type WriteFault,
  type WriteOperation,
} from './write-fault.js';

function isWriteOperation(property: string | symbol): property is WriteOperation {
  return typeof property === 'string' && (WRITE_OPERATIONS as readonly string[]).includes(property);
}

/**
 * Wraps a store so that the `fault.nth` through `fault.last` calls of `fault.target` (a write operation,
 * or `any` write) fail with the `StoreError` the store reports for that failure (`disk_full` for
 * `enospc` / `full`, `io` for `io`) without reaching the inner store. Every other call, and every later
 * call of the same operation, is delegated unchanged: space "returns" after the window.
 *
 * The wrapper is a proxy, so whatever else the inner store offers (other ports it implements) passes
 * through untouched, bound to the inner store. A commit fault point as target is not handled here
 * (see `injectWriteFault`).
 */
export function failingSessionStore<T extends SessionStore>(inner: T, fault: WriteFault): T {
  let seen = 0;
  const strikes = (property: string | symbol): boolean =>
    isWriteOperation(property) && (fault.target === 'any' || fault.target === property);
  return new Proxy(inner, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!strikes(property)) return method.bind(target);
      return async (...args: unknown[]): Promise<unknown> => {
        seen += 1;
        if (strikesAt(fault, seen)) throw toStoreError(simulatedWriteError(fault.kind), String(property));
        return method.apply(target, args);
      };
    },
  });
}
