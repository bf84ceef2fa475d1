const SPEC = /^(commit:[a-z-]+):([1-9]\d*)$/;

/** Ends the process at once, as a crash would: no handler, no flush, no cleanup. */
function killSelf(): void {
  process.kill(process.pid, 'SIGKILL');
}

/**
 * The crash tests' store hook: with `RKAT_TEST_FAULTS=1` and `RKAT_TEST_FAULT_POINT=<point>:<nth>` (a
 * commit fault point of the SQLite store, e.g. `commit:after-messages:2`), the process SIGKILLs itself the
 * nth time the store reaches that point, inside the boundary's transaction. Without both variables (the
 * normal case) it returns undefined and nothing is hooked. A malformed point throws, so a test cannot
 * silently run without its fault.
 */
export function testFaultHookOf(
  env: Readonly<Record<string, string | undefined>>,
  kill: () => void = killSelf,
): ((name: string) => void) | undefined {
  if (env.RKAT_TEST_FAULTS !== '1') return undefined;
  const spec = env.RKAT_TEST_FAULT_POINT;
  if (spec === undefined || spec === '') return undefined;
  const match = SPEC.exec(spec);
  if (match === null) {
    throw new Error(`RKAT_TEST_FAULT_POINT must be <commit point>:<n>, got '${spec}'`);
  }
  const point = match[1];
  const nth = Number(match[2]);
  let seen = 0;
  return (name) => {
    if (name !== point) return;
    seen += 1;
    if (seen === nth) kill();
  };
}

/**
 * The storage fault tests' hook: with `RKAT_TEST_FAULTS=1` and
 * `RKAT_TEST_FAULT_WRITE=<target>:<nth>[-<last>]:<kind>` (e.g. `commitBoundary:2:enospc`,
 * `commitBoundary:1-2:full`, `commit:after-messages:1:full`; parsed by `@rkat/store`'s
 * `injectWriteFault`, which rejects a malformed spec), the runtime fails that one store write with a
 * simulated ENOSPC, SQLITE_FULL or I/O error. Without both variables it returns undefined.
 */
export function testWriteFaultOf(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.RKAT_TEST_FAULTS !== '1') return undefined;
  const spec = env.RKAT_TEST_FAULT_WRITE;
  return spec === undefined || spec === '' ? undefined : spec;
}
