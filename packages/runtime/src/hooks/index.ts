export { HookRunner, type HookRunnerOptions } from './hook-runner.js';
export { InProcessHookRegistry, type InProcessHookHandler } from './in-process-hooks.js';
export { BackgroundHookSlots, DEFAULT_HOOKS_SETTINGS, type HooksSettings } from './hook-settings.js';
export {
  effectiveHookEntries,
  resolveHookEntry,
  isPrePoint,
  HookConfigError,
  type ResolvedHookEntry,
  type HookRuntime,
} from './hook-entries.js';
export {
  createHookEnvironment,
  fallbackHookEnvironment,
  hookGateFor,
  type HookEnvironment,
} from './hook-environment.js';
