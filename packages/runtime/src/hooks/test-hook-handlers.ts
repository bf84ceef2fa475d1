import type { InProcessHookRegistry } from './in-process-hooks.js';

/**
 * The system tests' in-process handlers, registered only with `RKAT_TEST_HOOKS=1` (like the store's
 * `RKAT_TEST_FAULTS`): `rkat-test-allow` allows, `rkat-test-deny` denies with `policy_violation`, and
 * `rkat-test-hang` answers only when aborted (to reach a timeout).
 */
export function registerTestHookHandlers(
  registry: InProcessHookRegistry,
  env: Readonly<Record<string, string | undefined>>,
): void {
  if (env.RKAT_TEST_HOOKS !== '1') return;
  registry.register('rkat-test-allow', () => ({ decision: { decision: 'allow' } }));
  registry.register('rkat-test-deny', (invocation) => ({
    decision: {
      decision: 'deny',
      reason_code: 'policy_violation',
      message: `rkat-test-deny at ${invocation.point}`,
    },
  }));
  registry.register(
    'rkat-test-hang',
    (_invocation, { signal }) =>
      new Promise((resolve) => signal.addEventListener('abort', () => resolve({}), { once: true })),
  );
}
