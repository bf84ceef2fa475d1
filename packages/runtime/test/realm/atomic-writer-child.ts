// Rewrites one lease-shaped file with `writeFileAtomic` forever, alternating two precomputed versions of
// 8 MiB, so the loop is all file I/O and a SIGKILL from the test lands mid-write (reliability row 4).
// Prints `ready` after the first complete write. Usage: node atomic-writer-child.js <path>
import { writeFileAtomic } from '@rkat/tools';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: atomic-writer-child.js <path>');
const padding = 'p'.repeat(8 * 1024 * 1024);
const versions = [1, 2].map(
  (heartbeat) =>
    `${JSON.stringify({
      realm_id: 'torn',
      instance_id: 'writer',
      surface: 'rkat-rpc',
      pid: process.pid,
      started_at: 1,
      heartbeat_at: heartbeat,
      padding,
    })}\n`,
);

await writeFileAtomic(path, versions[0] ?? '');
process.stdout.write('ready\n');
for (let round = 1; ; round += 1) await writeFileAtomic(path, versions[round % 2] ?? '');
