export {
  runRkatRpc,
  RKAT_RPC_VERSION,
  SHUTDOWN_TIMEOUT_MS,
  type RpcProcessIo,
} from './process/run-rkat-rpc.js';
export { runRkatRpcProcess } from './process/run-process.js';
export {
  addServerOptions,
  checkServerFlags,
  ServerFlagsError,
  type ServerFlags,
} from './process/server-flags.js';
export { createServerLogger, type ServerLogger } from './process/server-logger.js';
export { openServerRuntime, runtimeOptionsOf, type ServerRuntime } from './server/open-server-runtime.js';
export { buildMethodTable } from './methods/build-method-table.js';
export type { MethodDeps } from './methods/method-deps.js';
export { advertisedMethods } from './methods/method-catalog.js';
export { capabilitiesOf, type Capability, type CapabilityStatus } from './methods/capabilities.js';
export { SERVER_INFO } from './methods/handshake-methods.js';
export { mapRuntimeError, turnFailureRpcError } from './errors/error-mapper.js';
export {
  backgroundEventForwarder,
  reportDroppedEvents,
  requestRunObserver,
  sessionEventParams,
} from './events/connection-events.js';
export { StreamForwarder } from './events/stream-forwarder.js';
export { CallbackScope } from './callbacks/callback-scope.js';
export { requestToolPort } from './callbacks/request-tool-port.js';
export { sessionToolsFactory, type SessionToolsOptions } from './callbacks/session-tools.js';
