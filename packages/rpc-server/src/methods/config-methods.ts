import type { RpcMethod } from '../transport/index.js';
import type { MethodDeps } from './method-deps.js';

/**
 * `config/get`, `config/set`, `config/patch` (01 §10): the ConfigEnvelope. The runtime's config service
 * parses the params (a wrapped or bare config / patch, `expected_generation`), validates before the
 * compare-and-swap and answers -32602 `Generation conflict: expected <e>, current <c>` for a stale generation.
 */
export function configMethods({ runtime }: MethodDeps): Record<string, RpcMethod> {
  const config = runtime.configService;
  return {
    'config/get': { handle: () => config.get() },
    'config/set': { handle: (params) => config.set(params) },
    'config/patch': { handle: (params) => config.patch(params) },
  };
}
