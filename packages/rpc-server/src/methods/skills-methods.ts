import type { RpcMethod } from '../transport/index.js';
import type { MethodDeps } from './method-deps.js';

/**
 * `skills/list` (01 §12): every skill of every source, shadowed ones included (`is_active: false`,
 * `shadowed_by`). With `skills.enabled = false` it answers -32603 `skills not enabled`. `skills/inspect` is
 * not served (-32601), as in the original.
 */
export function skillsMethods({ runtime }: MethodDeps): Record<string, RpcMethod> {
  return {
    'skills/list': {
      handle: () => runtime.skills.list(),
    },
  };
}
