export type { BuiltinTool } from './builtin/builtin-tool.js';
export { BuiltinToolSource, BuiltinToolSetupError } from './builtin/builtin-tool-source.js';
export {
  createDatetimeTool,
  describeInstant,
  type DatetimeResult,
  type DatetimeToolOptions,
} from './builtin/datetime-tool.js';
export { createBuiltinToolSource, type DefaultBuiltinsOptions } from './builtin/default-builtins.js';
