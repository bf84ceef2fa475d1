export { startFakeProvider, type FakeProvider, type StartFakeProviderOptions } from './server.js';
export type { RecordedRequest } from './recorded-request.js';
export type { FakeFormat } from './wire-format.js';
export {
  fakeScript,
  type FakeStep,
  type FakeToolCall,
  type FakeUsage,
  type FakeError,
  type FakeStopReason,
} from './fake-step.js';
