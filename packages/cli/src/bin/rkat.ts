#!/usr/bin/env node
import { main } from '../main.js';

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}

const interrupt = new AbortController();
process.on('SIGINT', () => {
  // The first Ctrl-C cancels the running turn (its input is recorded as abandoned); a second one exits now.
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: interrupt.signal,
});
await flush(process.stdout);
await flush(process.stderr);
process.exit(code);
