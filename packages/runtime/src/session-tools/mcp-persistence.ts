import { rm } from 'node:fs/promises';
import type { McpServerConfig } from '@rkat/tools';
import { writeFileAtomic } from '@rkat/tools';
import { mcpFilePath, readMcpFileEntries, snapshotFile, writeMcpFileEntries } from './mcp-server-files.js';

/** One `mcp/*` request as the runtime stages it. */
export type McpLiveRequest =
  | { operation: 'add'; config: McpServerConfig; persisted: boolean }
  | { operation: 'remove'; serverName: string; persisted: boolean }
  | { operation: 'reload'; serverName?: string; persisted: boolean };

/**
 * Writes a `persisted: true` change to the project `.rkat/mcp.toml` (01 §13): an add replaces any entry of
 * that name, a remove drops it, a reload leaves the file as it is. Returns the undo, which restores the
 * file's previous bytes (or removes a file this call created).
 */
export async function persistMcpChange(
  projectRoot: string,
  request: McpLiveRequest,
): Promise<() => Promise<void>> {
  const path = mcpFilePath(projectRoot);
  const before = await snapshotFile(path);
  const restore = async (): Promise<void> => {
    if (before === undefined) await rm(path, { force: true });
    else await writeFileAtomic(path, before);
  };
  if (request.operation === 'reload') return restore;
  const name = request.operation === 'add' ? request.config.name : request.serverName;
  const kept = (await readMcpFileEntries(path)).filter((entry) => entry.name !== name);
  const entries = request.operation === 'add' ? [...kept, { ...request.config }] : kept;
  await writeMcpFileEntries(path, entries);
  return restore;
}
