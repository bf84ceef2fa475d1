// The scenario driver every JavaScript runner shares. A runner is a fresh process:
//   node runners/<name>.mjs <sequential|concurrent|cold> <count>
// It prints one line `RESULT {json}` on stdout. Environment: OPENAI_BASE_URL (the fake, with /v1), BENCH_MODEL.
import { ANSWER_TEXT } from '../fake-server.mjs';

export const MODEL = process.env.BENCH_MODEL ?? 'gpt-5.5';
export const BASE_URL = process.env.OPENAI_BASE_URL ?? 'http://127.0.0.1:0/v1';
/** The built `rkat-rpc` of this repository (after `npm run build` at the root). */
export const RKAT_RPC = new URL('../../packages/rpc-server/dist/src/bin/rkat-rpc.js', import.meta.url)
  .pathname;
export const PROMPT = 'Add 1 and 2 with the add tool, then answer.';
const WARMUP = 5;

/** `add` as a plain function: every runner's tool does exactly this. */
export function add({ a, b }) {
  return String(a + b);
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Runs the scenario named on the command line. `setup()` resolves to `{ turn(index): Promise<string>,
 * close(): Promise<void> }`; each `turn` runs one fresh conversation and resolves to the final text.
 */
export async function runScenario(setup) {
  const [scenario = 'sequential', countText = '200'] = process.argv.slice(2);
  const count = Number(countText);
  const check = (text) => {
    if (typeof text !== 'string' || !text.includes(ANSWER_TEXT.slice(0, 40)))
      throw new Error(`unexpected answer: ${JSON.stringify(text)?.slice(0, 200)}`);
  };
  const emit = (result) => process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  const runner = await setup();
  let turns = 0;
  if (scenario === 'cold') {
    check(await runner.turn(0));
    turns = 1;
    emit({ scenario, turns, errors: 0 });
  } else if (scenario === 'sequential') {
    for (let index = 0; index < WARMUP; index++) check(await runner.turn(index));
    const latencies = [];
    const started = performance.now();
    for (let index = 0; index < count; index++) {
      const begin = performance.now();
      check(await runner.turn(WARMUP + index));
      latencies.push(performance.now() - begin);
    }
    const elapsed = performance.now() - started;
    latencies.sort((x, y) => x - y);
    turns = WARMUP + count;
    emit({
      scenario,
      turns,
      errors: 0,
      turnsPerSecond: (count / elapsed) * 1000,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
    });
  } else if (scenario === 'concurrent') {
    check(await runner.turn(0));
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: count }, (_, index) => runner.turn(1 + index).then(check)),
    );
    const wallMs = performance.now() - started;
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
    if (failures.length > 0)
      process.stderr.write(`first error: ${String(failures[0].reason?.stack ?? failures[0].reason)}\n`);
    turns = 1 + count - failures.length;
    emit({ scenario, turns, errors: failures.length, wallMs });
  } else throw new Error(`unknown scenario ${scenario}`);
  await runner.close();
}
