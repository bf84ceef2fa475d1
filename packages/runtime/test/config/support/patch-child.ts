// A separate process for the cross-process CAS test: opens the realm's config, says "ready", waits for a
// line on stdin, sends one patch with expected_generation 0 and prints the outcome as one JSON line.
import { createInterface } from 'node:readline';
import { realmPaths } from '../../../src/index.js';
import { openConfigService } from './config-realm.js';

const [stateRoot, model] = process.argv.slice(2);
const service = await openConfigService(realmPaths(stateRoot ?? '', 'cfg'));
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const _line of lines) break;
try {
  const envelope = await service.patch({ patch: { agent: { model } }, expected_generation: 0 });
  process.stdout.write(`${JSON.stringify({ ok: true, generation: envelope.generation })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, message: (error as Error).message })}\n`);
}
lines.close();
