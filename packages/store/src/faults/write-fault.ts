import Database from 'better-sqlite3';
import { COMMIT_FAULT_POINTS, type CommitFaultPoint } from '../sqlite/fault-points.js';

/** The `SessionStore` methods that write. */
export const WRITE_OPERATIONS = ['createSession', 'commitBoundary', 'updateSession', 'recordInput'] as const;

/** One of `WRITE_OPERATIONS`. */
export type WriteOperation = (typeof WRITE_OPERATIONS)[number];

/**
 * What a simulated write failure looks like: `enospc` the file system's `ENOSPC`, `full` SQLite's
 * `SQLITE_FULL`, `io` SQLite's `SQLITE_IOERR_WRITE`.
 */
export type WriteFaultKind = 'enospc' | 'full' | 'io';

const KINDS: readonly WriteFaultKind[] = ['enospc', 'full', 'io'];

/**
 * Where a simulated write failure strikes, and when: the `nth` through `last` calls of a write operation
 * (`any` counts every write operation) fail before they reach the store; the `nth` through `last` times
 * `commitBoundary` reaches a commit fault point, the failure is thrown inside the boundary's transaction,
 * after part of it was written (the store must roll it back). Later calls succeed: space "returns".
 */
export interface WriteFault {
  target: WriteOperation | 'any' | CommitFaultPoint;
  nth: number;
  last: number;
  kind: WriteFaultKind;
}

const SPEC = /^([A-Za-z]+|commit:[a-z-]+):([1-9]\d*)(?:-([1-9]\d*))?:([a-z]+)$/;

function isTarget(value: string): value is WriteFault['target'] {
  return (
    value === 'any' ||
    (WRITE_OPERATIONS as readonly string[]).includes(value) ||
    (COMMIT_FAULT_POINTS as readonly string[]).includes(value)
  );
}

function isKind(value: string): value is WriteFaultKind {
  return (KINDS as readonly string[]).includes(value);
}

/**
 * Parses `<target>:<nth>[-<last>]:<kind>`, e.g. `commitBoundary:2:enospc` (the second call only),
 * `any:1-3:io` or `commit:after-messages:1:full`. Throws on anything else, naming what is accepted, so a
 * test cannot silently run without its fault.
 */
export function parseWriteFault(spec: string): WriteFault {
  const match = SPEC.exec(spec);
  const [, target = '', nth = '', last = nth, kind = ''] = match ?? [];
  if (match === null || !isTarget(target) || !isKind(kind) || Number(last) < Number(nth)) {
    const targets = ['any', ...WRITE_OPERATIONS, ...COMMIT_FAULT_POINTS].join('|');
    throw new Error(`write fault must be <${targets}>:<n>[-<last>]:<${KINDS.join('|')}>, got '${spec}'`);
  }
  return { target, nth: Number(nth), last: Number(last), kind };
}

/** Whether the `seen`-th hit of its target falls in the fault's window. */
export function strikesAt(fault: WriteFault, seen: number): boolean {
  return seen >= fault.nth && seen <= fault.last;
}

/** The error a real failing write raises for `kind`, as the store would receive it from below. */
export function simulatedWriteError(kind: WriteFaultKind): Error {
  switch (kind) {
    case 'enospc':
      return Object.assign(new Error('ENOSPC: no space left on device, write'), {
        code: 'ENOSPC',
        errno: -28,
        syscall: 'write',
      });
    case 'full':
      return new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    case 'io':
      return new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE');
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}
