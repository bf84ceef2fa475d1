import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ToolExecutionContext } from '@rkat/core';
import type { McpStdioServerConfig } from '../../src/index.js';

/** True while a process with this pid exists (a not-yet-reaped zombie counts). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const STDIO_SERVER = fileURLToPath(new URL('./fixtures/stdio-server.js', import.meta.url));

export type StdioMode = 'normal' | 'exit-at-startup' | 'hang-on-list' | 'leak-secret-and-exit' | 'silent';

/** A config that runs the fixture stdio server (compiled next to the tests) with this Node binary. */
export function stdioFixture(
  name: string,
  mode: StdioMode = 'normal',
  prefix = '',
  extra: Partial<McpStdioServerConfig> = {},
): McpStdioServerConfig {
  return { name, command: process.execPath, args: [STDIO_SERVER, mode, prefix], ...extra };
}

export const context: ToolExecutionContext = { sessionId: 'session-1', signal: new AbortController().signal };

/** A fresh file the fixture appends its pid to (env `FIXTURE_PID_FILE`), to check reaping after the fact. */
export function pidFile(): { path: string; pids(): number[] } {
  const path = join(mkdtempSync(join(tmpdir(), 'rkat-mcp-')), 'pids');
  return {
    path,
    pids: () => {
      try {
        return readFileSync(path, 'utf8').split('\n').filter(Boolean).map(Number);
      } catch {
        return [];
      }
    },
  };
}
