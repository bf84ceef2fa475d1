import { buildModelsCatalog } from '@rkat/providers';
import type { RpcMethod } from '../transport/index.js';
import type { MethodDeps } from './method-deps.js';

/**
 * `models/catalog` (01 §11): the built-in catalog plus the realm's self-hosted aliases (the config is
 * validated when it is loaded or written, so the aliases here are well-formed).
 */
export function modelsMethods({ runtime }: MethodDeps): Record<string, RpcMethod> {
  return {
    'models/catalog': {
      handle: () => Promise.resolve(buildModelsCatalog(runtime.configService.current().selfHosted)),
    },
  };
}
