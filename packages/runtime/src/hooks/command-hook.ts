import { spawn, type ChildProcess } from 'node:child_process';
import type { HookCall } from './hook-call.js';
import { HookRuntimeError } from './hook-call.js';
import { parseHookResponseBytes, type HookDecision } from './hook-response.js';

export interface CommandHookRuntime {
  command: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
}

/** Kills the hook and everything it started (it leads its own process group). */
function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * Runs a `command` hook without a shell: the invocation JSON on stdin, the response JSON on stdout
 * (bounded to `maxResponseBytes`); a non-zero exit is a failure. The entry's `env` is added to this
 * process's environment. An abort (timeout, interrupt) kills the process group.
 */
export function runCommandHook(runtime: CommandHookRuntime, call: HookCall): Promise<HookDecision> {
  return new Promise((resolve, reject) => {
    const child = spawn(runtime.command, [...runtime.args], {
      cwd: call.cwd,
      env: { ...process.env, ...runtime.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      killTree(child);
      reject(new HookRuntimeError(message));
    };
    const onAbort = (): void => fail('command hook aborted');
    call.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error: NodeJS.ErrnoException) =>
      fail(`failed to spawn command hook: ${error.code ?? 'spawn error'}`),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > call.maxResponseBytes) {
        fail(`command stdout exceeds max size: ${size} > ${call.maxResponseBytes}`);
        return;
      }
      chunks.push(chunk);
    });
    // Drained so a chatty hook cannot block on a full pipe; never shown (it may echo its env).
    child.stderr?.resume();
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(call.payload);
    child.on('close', (code, signal) => {
      call.signal.removeEventListener('abort', onAbort);
      if (settled) return;
      if (code !== 0) {
        fail(`command hook exited with ${code !== null ? `code ${code}` : `signal ${signal ?? 'unknown'}`}`);
        return;
      }
      settled = true;
      try {
        resolve(parseHookResponseBytes(Buffer.concat(chunks), 'command'));
      } catch (error) {
        reject(error);
      }
    });
  });
}
