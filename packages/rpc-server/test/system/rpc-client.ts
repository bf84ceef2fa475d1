import { fileURLToPath } from 'node:url';
import {
  RpcClient as ProcessRpcClient,
  type SpawnOptions as ProcessSpawnOptions,
} from '@rkat/testing/process-harness';

export { withTimeout, type Answer, type CallbackReply, type Message } from '@rkat/testing/process-harness';

/** The built `rkat-rpc` (this file compiles to dist/test/system/, the binary to dist/src/bin/). */
export const RKAT_RPC_BIN = fileURLToPath(new URL('../../src/bin/rkat-rpc.js', import.meta.url));

/** `@rkat/testing/process-harness`'s spawn options, with `bin` defaulting to this package's `rkat-rpc`. */
export type SpawnOptions = Omit<ProcessSpawnOptions, 'bin'> & {
  /** Script to run with node; default `rkat-rpc`. */
  bin?: string;
};

/** The process harness's `RpcClient` on the built `rkat-rpc` unless `bin` says otherwise. */
export class RpcClient extends ProcessRpcClient {
  constructor(options: SpawnOptions) {
    super({ ...options, bin: options.bin ?? RKAT_RPC_BIN });
  }
}
