import { runRkatRpc } from './run-rkat-rpc.js';

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) resolve();
    else stream.write('', () => resolve());
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
