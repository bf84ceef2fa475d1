import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built `rkat` binary (this file compiles to dist/test/system/, the binary to dist/src/bin/). */
export const RKAT_BIN = fileURLToPath(new URL('../../src/bin/rkat.js', import.meta.url));

export interface RkatOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns `node rkat.js ...args` with exactly `env` (nothing inherited but PATH) and resolves with its exit
 * code and output. Kills the process and rejects after `timeoutMs`.
 */
export function runRkat(
  args: readonly string[],
  options: { env: Record<string, string>; cwd: string; timeoutMs?: number },
): Promise<RkatOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RKAT_BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rkat ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 90_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The session id printed on stderr as `session: <id>`. Throws when absent. */
export function printedSessionId(stderr: string): string {
  const match = /^session: ([0-9a-f-]{36})$/m.exec(stderr);
  if (!match?.[1]) throw new Error(`no session id on stderr:\n${stderr}`);
  return match[1];
}
