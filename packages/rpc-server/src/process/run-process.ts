import { runRkatRpc } from './run-rkat-rpc.js';

/** How long exiting waits for stdout and stderr to drain; a reader that never reads must not hold the exit. */
export const EXIT_FLUSH_TIMEOUT_MS = 2_000;

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) return resolve();
    // process.stdout cannot be destroyed (its destroy is a no-op), so a full pipe never calls back.
    const timer = setTimeout(resolve, EXIT_FLUSH_TIMEOUT_MS);
    stream.write('', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Runs `rkat-rpc` on this process's stdio (the `rkat-rpc` binary and `rkat rpc`): SIGTERM and SIGINT shut
 * it down like stdin EOF; a second signal exits at once. Resolves with the exit code once output is flushed;
 * the caller exits with it.
 */
export async function runRkatRpcProcess(args: readonly string[], name = 'rkat-rpc'): Promise<number> {
  const terminate = new AbortController();
  const onSignal = (): void => {
    if (terminate.signal.aborted) process.exit(1);
    terminate.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const code = await runRkatRpc(
    args,
    {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      signal: terminate.signal,
    },
    name,
  );
  await flush(process.stdout);
  await flush(process.stderr);
  return code;
}
