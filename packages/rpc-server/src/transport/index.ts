export {
  serveConnection,
  type CloseReason,
  type ConnectionHandle,
  type ServeConnectionOptions,
} from './connection.js';
export { serveTcp, type ServeTcpOptions, type TcpServerHandle } from './tcp-server.js';
export { parseTcpAddress, isLoopbackHost, type TcpAddress } from './tcp-address.js';
export {
  methodTable,
  type ConnectionPort,
  type MethodTable,
  type NotifyOptions,
  type RequestContext,
  type RpcMethod,
} from './method-table.js';
export { RpcError, INTERNAL_ERROR_MESSAGE, REQUEST_CANCELLED_MESSAGE } from './rpc-error.js';
export type { ErrorMapper } from './dispatcher.js';
export { ClientCallError, type CallClientOptions, type ClientCallErrorCode } from './client-calls.js';
export type { DroppedEvents, OutboundKind, OutputFailure } from './outbound-queue.js';
export {
  DEFAULT_TRANSPORT_LIMITS,
  resolveTransportLimits,
  type ResolvedTransportLimits,
  type TransportLimits,
} from './limits.js';
export { TransportError, type TransportErrorCode } from './transport-error.js';
export { isRequestId, type RequestId } from './request-id.js';
export { classifyMessage, type InboundMessage, type JsonObject } from './classify-message.js';
export { FrameSplitter, type Frame, type FrameSplitterOptions } from './frame-splitter.js';
export { scanRequestId } from './scan-request-id.js';
export {
  createLogger,
  parseLogLevel,
  silentLogger,
  LOG_LEVELS,
  type LogFields,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  type LogSink,
} from './logger.js';
