import { parseArgs } from 'node:util';
import { DEFAULT_FUZZ_OPTIONS, runFuzz } from './fuzz-run.js';

// The long fuzz run, by hand (build first):
//   node packages/rpc-server/dist/test/fuzz/run-fuzz.js --iterations 500 --seed 7 [--frames 40]
// Replay one batch of a finding: ... --seed 7 --batch 21
// Exits 1 and prints the findings (each names its seed and batch, which replay alone) when an invariant broke.
const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '100' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    frames: { type: 'string', default: String(DEFAULT_FUZZ_OPTIONS.framesPerBatch) },
    'max-frame-bytes': { type: 'string', default: String(DEFAULT_FUZZ_OPTIONS.maxFrameBytes) },
    batch: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const positive = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
  return value;
};

const seed = positive('seed', values.seed);
const started = Date.now();
const report = await runFuzz({
  ...DEFAULT_FUZZ_OPTIONS,
  seed,
  iterations: positive('iterations', values.iterations),
  framesPerBatch: positive('frames', values.frames),
  maxFrameBytes: positive('max-frame-bytes', values['max-frame-bytes']),
  ...(values.batch !== undefined ? { onlyBatch: positive('batch', values.batch) } : {}),
  log: values.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
});
process.stdout.write(`${JSON.stringify({ seed, ms: Date.now() - started, ...report }, null, 2)}\n`);
process.exitCode = report.findings.length === 0 ? 0 : 1;
