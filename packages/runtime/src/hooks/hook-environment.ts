import type { HookRunOverrides } from '@rkat/contracts';
import type { HookGate } from '@rkat/core';
import { HookRunner } from './hook-runner.js';
import { BackgroundHookSlots, type HooksSettings } from './hook-settings.js';
import { InProcessHookRegistry } from './in-process-hooks.js';

/** What the hooks of every run of a runtime share. */
export interface HookEnvironment {
  /** The embedding program's in-process handlers. */
  registry: InProcessHookRegistry;
  background: BackgroundHookSlots;
  /** Working directory of `command` hooks (the context root). */
  cwd: string;
}

export function createHookEnvironment(cwd: string): HookEnvironment {
  return { registry: new InProcessHookRegistry(), background: new BackgroundHookSlots(), cwd };
}

const fallbacks = new WeakMap<object, HookEnvironment>();

/** The environment of `owner` (e.g. a session service built without one): no handlers, the cwd. */
export function fallbackHookEnvironment(owner: object): HookEnvironment {
  let environment = fallbacks.get(owner);
  if (environment === undefined) {
    environment = createHookEnvironment(process.cwd());
    fallbacks.set(owner, environment);
  }
  return environment;
}

/** The gate of one run, or `undefined` when no hook is configured (the loop then skips every point). */
export function hookGateFor(
  environment: HookEnvironment,
  settings: HooksSettings,
  overrides: HookRunOverrides | null | undefined,
): HookGate | undefined {
  const runner = new HookRunner({ settings, overrides, ...environment });
  return runner.empty ? undefined : runner;
}
