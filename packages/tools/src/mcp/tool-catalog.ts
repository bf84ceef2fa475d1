import { isDeepStrictEqual } from 'node:util';
import type { ToolDef } from '@rkat/contracts';

export interface McpServerTools {
  server: string;
  tools: readonly ToolDef[];
}

/** A tool name that could not be routed to a single server, so no server offers it. */
export interface McpToolCollision {
  tool: string;
  servers: string[];
}

export interface McpToolCatalog {
  tools: readonly ToolDef[];
  /** Tool name → the one server that serves it. */
  owners: ReadonlyMap<string, string>;
  collisions: readonly McpToolCollision[];
}

/**
 * The tools offered under their MCP names. As in the original router, an ambiguous name is denied rather
 * than guessed: a name two servers offer is dropped from both, and a name one server lists twice with
 * different definitions is dropped too (identical repeats collapse).
 */
export function buildMcpToolCatalog(servers: readonly McpServerTools[]): McpToolCatalog {
  const claims = new Map<string, { def: ToolDef; servers: string[]; ambiguous: boolean }>();
  for (const { server, tools } of servers) {
    for (const def of tools) {
      const claim = claims.get(def.name);
      if (!claim) {
        claims.set(def.name, { def, servers: [server], ambiguous: false });
      } else if (!claim.servers.includes(server)) {
        claim.servers.push(server);
        claim.ambiguous = true;
      } else if (!isDeepStrictEqual(claim.def, def)) {
        claim.ambiguous = true;
      }
    }
  }
  const tools: ToolDef[] = [];
  const owners = new Map<string, string>();
  const collisions: McpToolCollision[] = [];
  for (const [name, claim] of claims) {
    if (claim.ambiguous) {
      collisions.push({ tool: name, servers: claim.servers });
      continue;
    }
    tools.push(claim.def);
    owners.set(name, claim.servers[0] as string);
  }
  return { tools, owners, collisions };
}
