import { methodTable, type MethodTable, type RpcMethod } from '../transport/index.js';
import { blobMethods } from './blob-methods.js';
import { configMethods } from './config-methods.js';
import { handshakeMethods } from './handshake-methods.js';
import { mcpMethods } from './mcp-methods.js';
import type { MethodDeps } from './method-deps.js';
import { modelsMethods } from './models-methods.js';
import { realmMethods } from './realm-methods.js';
import { sessionMethods } from './session-methods.js';
import { skillsMethods } from './skills-methods.js';
import { streamMethods } from './stream-methods.js';
import { toolsMethods } from './tools-methods.js';
import { turnMethods } from './turn-methods.js';

/**
 * Every method this build serves (01 §4–§16 core families). `initialize` advertises exactly these keys.
 * `live/*` is absent: no live transport is served (00-decisions.md §6).
 */
export function buildMethodTable(deps: MethodDeps): MethodTable {
  let table: MethodTable = new Map();
  const methods: Record<string, RpcMethod> = {
    ...handshakeMethods(deps, () => table.keys()),
    ...sessionMethods(deps),
    ...turnMethods(deps),
    ...streamMethods(deps),
    ...configMethods(deps),
    ...modelsMethods(deps),
    ...realmMethods(deps),
    ...blobMethods(deps),
    ...toolsMethods(deps),
    ...mcpMethods(deps),
    ...skillsMethods(deps),
  };
  table = methodTable(methods);
  return table;
}
