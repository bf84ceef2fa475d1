export { runSessionStoreConformance } from './session-store-cases.js';
export { rejectsWithCode, type OpenSessionStore, type SessionStoreHarness } from './session-store-harness.js';
export {
  assistantText,
  everyMessageVariant,
  sampleInput,
  sampleRecord,
  userMessage,
  zeroUsage,
} from './session-store-samples.js';
