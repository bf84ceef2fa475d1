#!/usr/bin/env node
// rkat-fake-provider [--port N] [--ignore-stdin]: serves the fake provider, prints {"url": ...} as one JSON
// line on stdout, and stops on SIGTERM / SIGINT or when stdin ends (unless --ignore-stdin).
import { parseArgs } from 'node:util';
import { startFakeProvider } from './server.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, 'ignore-stdin': { type: 'boolean' } },
  strict: true,
});
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`rkat-fake-provider: --port must be an integer in 0..65535, got ${values.port}\n`);
  process.exit(2);
}

const started = startFakeProvider({ port });
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  started
    .then((fake) => fake.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
// Listen before printing the URL: a parent may signal as soon as it reads the line.
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
if (values['ignore-stdin'] !== true) {
  process.stdin.once('end', stop);
  process.stdin.once('close', stop);
  process.stdin.resume();
}

const fake = await started;
process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
