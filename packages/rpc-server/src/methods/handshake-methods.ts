import { CONTRACT_VERSION } from '@rkat/contracts';
import type { RpcMethod } from '../transport/index.js';
import { capabilitiesOf } from './capabilities.js';
import { advertisedMethods } from './method-catalog.js';
import type { MethodDeps } from './method-deps.js';

/** `server_info` of `initialize`: the name and version the SDKs expect of a 0.6.6 server. */
export const SERVER_INFO = { name: 'meerkat-rpc', version: CONTRACT_VERSION } as const;

function contractVersionObject(): { major: number; minor: number; patch: number } {
  const [major = 0, minor = 0, patch = 0] = CONTRACT_VERSION.split('.').map(Number);
  return { major, minor, patch };
}

/**
 * `initialize` (01 §4.1; params ignored): `server_info`, `contract_version` "0.6.6" and `methods`, exactly
 * what `served()` returns (the final method table) in catalog order after `initialized`.
 * `capabilities/get` (§4.2; params ignored): the capabilities against the realm's current config.
 */
export function handshakeMethods(
  { runtime }: MethodDeps,
  served: () => Iterable<string>,
): Record<string, RpcMethod> {
  return {
    initialize: {
      handle: () =>
        Promise.resolve({
          server_info: { ...SERVER_INFO },
          contract_version: CONTRACT_VERSION,
          methods: advertisedMethods(served()),
        }),
    },
    'capabilities/get': {
      handle: () =>
        Promise.resolve({
          contract_version: contractVersionObject(),
          capabilities: capabilitiesOf(runtime.configService.current().raw),
        }),
    },
  };
}
