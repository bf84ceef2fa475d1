// A stand-in for an SDK host process (reliability row 6, "parent killed"): spawns rkat-rpc with piped
// stdio, prints `{"child_pid": <pid>}`, writes the given request lines to the child's stdin and copies
// the child's stdout to its own. It never closes the child's stdin: only its own death does.
// Usage: node reliability-sessions-parent.js '<json {bin, args, lines}>'
import { spawn } from 'node:child_process';
import { parseJson } from '@rkat/contracts';

interface ParentConfig {
  bin: string;
  args: string[];
  lines: string[];
}

const parsed = parseJson(process.argv[2] ?? '');
if (!parsed.ok) throw new Error('usage: reliability-sessions-parent.js <json config>');
const config = parsed.value as ParentConfig;
const child = spawn(process.execPath, [config.bin, ...config.args], {
  env: process.env,
  stdio: ['pipe', 'pipe', 'ignore'],
});
process.stdout.write(`${JSON.stringify({ child_pid: child.pid })}\n`);
child.stdout.pipe(process.stdout);
for (const line of config.lines) child.stdin.write(`${line}\n`);
// Stay alive until killed.
setInterval(() => undefined, 60_000);
