import { parseStreamCloseParams, parseStreamOpenParams } from '@rkat/runtime';
import { StreamForwarder } from '../events/stream-forwarder.js';
import type { RpcMethod } from '../transport/index.js';
import type { MethodDeps } from './method-deps.js';

/**
 * `session/stream_open` / `session/stream_close` (01 §6.10, §8.3). An open stream belongs to the connection
 * that opened it: its events go to that connection until it is closed, the session goes away, or the
 * connection closes (which closes the stream).
 */
export function streamMethods({ runtime, logger }: MethodDeps): Record<string, RpcMethod> {
  return {
    'session/stream_open': {
      async handle(params, context) {
        const { sessionId } = parseStreamOpenParams(params);
        const stream = await runtime.sessions.openStream(sessionId);
        const { connection } = context;
        const forwarder = new StreamForwarder(stream, connection);
        const onClose = (): void => {
          runtime.sessions.closeStream(stream.streamId);
        };
        connection.signal.addEventListener('abort', onClose, { once: true });
        if (connection.signal.aborted) onClose();
        void forwarder.run(logger).finally(() => connection.signal.removeEventListener('abort', onClose));
        return stream.opened;
      },
    },
    'session/stream_close': {
      async handle(params) {
        return runtime.sessions.closeStream(parseStreamCloseParams(params).streamId);
      },
    },
  };
}
