import { BuiltinToolSource } from './builtin-tool-source.js';
import { createDatetimeTool } from './datetime-tool.js';

export interface DefaultBuiltinsOptions {
  /** Current time in epoch milliseconds for time-dependent tools; defaults to `Date.now`. */
  now?: () => number;
}

/** The built-in tools every session gets by default (this issue: `datetime`). */
export function createBuiltinToolSource(options: DefaultBuiltinsOptions = {}): BuiltinToolSource {
  return new BuiltinToolSource([createDatetimeTool(options.now ? { now: options.now } : {})]);
}
