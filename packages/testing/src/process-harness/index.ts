export {
  RpcClient,
  withTimeout,
  type Answer,
  type CallbackReply,
  type Message,
  type SpawnOptions,
} from './rpc-client.js';
export { ProcessFixture } from './process-fixture.js';
export {
  COMMIT_FAULT_POINTS,
  CRASH_WAIT_MS,
  CrashHarness,
  textDeltaCount,
  type CommitFaultPoint,
  type CrashHarnessOptions,
  type KillPoint,
  type LaunchOptions,
} from './crash-harness.js';
export {
  filesContaining,
  occurrences,
  readHistory,
  readSession,
  requestsCarrying,
  type HistoryView,
  type SessionInfoView,
} from './session-probes.js';
