import { getConnectionRealm, listConnectionRealms } from '@rkat/runtime';
import type { RpcMethod } from '../transport/index.js';
import type { MethodDeps } from './method-deps.js';
import { parseParams } from './params.js';

const RealmGetParams = {
  type: 'object',
  properties: { realm_id: { type: 'string' } },
  required: ['realm_id'],
} as const;

/**
 * `realm/list` and `realm/get` (01 §15): the connection sections `[realm.<id>]` of the active realm's
 * config, without secrets. An unknown section answers -32602 `Unknown realm: <id>`.
 */
export function realmMethods({ runtime }: MethodDeps): Record<string, RpcMethod> {
  const realmTable = (): unknown => runtime.configService.current().raw.realm;
  return {
    'realm/list': { handle: () => Promise.resolve(listConnectionRealms(realmTable())) },
    'realm/get': {
      async handle(params) {
        const { realm_id: realmId } = parseParams<{ realm_id: string }>(RealmGetParams, params);
        return getConnectionRealm(realmTable(), realmId);
      },
    },
  };
}
