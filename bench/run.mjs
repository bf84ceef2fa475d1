// `npm run bench` (root) / `node bench/run.mjs [--quick] [--rounds N] [--only a,b] [--no-persistence] [--no-write]`
// Runs every runner × scenario as a fresh process against one fake OpenAI-compatible server, in rounds with a
// rotating order, checks that each run made exactly two model calls per turn, prints a table of medians with
// each figure's ratio to the raw baseline of the same wire API and writes bench/RESULTS.md.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    only: { type: 'string' },
    'no-persistence': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const settings = flags.quick
  ? { rounds: 1, sequential: 30, concurrent: 100, messages: 1_000, sessions: 5_000 }
  : { rounds: 3, sequential: 200, concurrent: 1_000, messages: 10_000, sessions: 100_000 };
if (flags.rounds) settings.rounds = Number(flags.rounds);

const PYTHON = join(here, '..', 'python', '.venv', 'bin', 'python');
const node = (file, env = {}) => ({ command: process.execPath, args: [join(here, 'runners', file)], env });
const RUNNERS = [
  {
    id: 'raw-responses',
    label: 'raw fetch + SSE (baseline)',
    api: 'responses',
    ...node('raw-responses.mjs'),
  },
  { id: 'raw-chat', label: 'raw fetch + SSE (baseline)', api: 'chat', ...node('raw-chat.mjs') },
  { id: 'openai-agents', label: '@openai/agents', api: 'responses', ...node('openai-agents.mjs') },
  { id: 'ai-sdk', label: 'ai + @ai-sdk/openai', api: 'responses', ...node('ai-sdk.mjs') },
  {
    id: 'ai-sdk-chat',
    label: 'ai + @ai-sdk/openai',
    api: 'chat',
    ...node('ai-sdk.mjs', { BENCH_API: 'chat' }),
  },
  { id: 'meerkat-core', label: 'meerkat core in-process', api: 'responses', ...node('meerkat-core.mjs') },
  {
    id: 'meerkat-core-chat',
    label: 'meerkat core in-process',
    api: 'chat',
    ...node('meerkat-core.mjs', { BENCH_API: 'chat' }),
  },
  {
    id: 'sdk-ts-callback',
    label: 'TS SDK → rkat-rpc, callback tool',
    api: 'responses',
    ...node('sdk-ts.mjs', { BENCH_TOOL: 'callback' }),
  },
  {
    id: 'sdk-ts-builtin',
    label: 'TS SDK → rkat-rpc, built-in tool',
    api: 'responses',
    ...node('sdk-ts.mjs', { BENCH_TOOL: 'builtin' }),
  },
  {
    id: 'sdk-py-callback',
    label: 'Python SDK → rkat-rpc, callback tool',
    api: 'responses',
    command: PYTHON,
    args: [join(here, 'runners', 'sdk-py.py')],
    env: { BENCH_TOOL: 'callback' },
  },
  {
    id: 'sdk-py-builtin',
    label: 'Python SDK → rkat-rpc, built-in tool',
    api: 'responses',
    command: PYTHON,
    args: [join(here, 'runners', 'sdk-py.py')],
    env: { BENCH_TOOL: 'builtin' },
  },
].filter((runner) => !flags.only || flags.only.split(',').includes(runner.id));
const SCENARIOS = ['cold', 'sequential', 'concurrent'];
const failures = [];

function log(message) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// --- the fake server, its own process -------------------------------------------------------------------
function startFake() {
  const child = spawn(process.execPath, [join(here, 'fake-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk) => resolve({ child, port: JSON.parse(String(chunk)).port }));
  });
}

// --- peak RSS of a process tree (VmHWM of every process, polled) -------------------------------------------
function status(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { ppid: field('PPid'), hwmKb: field('VmHWM') };
  } catch {
    return undefined;
  }
}

function treeSampler(rootPid) {
  const peaks = new Map(); // pid → peak kB
  const sample = () => {
    const parents = new Map();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const info = status(entry);
      if (info) parents.set(Number(entry), info);
    }
    const inTree = (pid) => {
      for (let current = pid, hops = 0; current > 1 && hops < 20; hops++) {
        if (current === rootPid) return true;
        current = parents.get(current)?.ppid ?? 0;
      }
      return false;
    };
    for (const [pid, info] of parents)
      if (inTree(pid)) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, info.hwmKb));
  };
  const timer = existsSync('/proc') ? setInterval(sample, 100) : undefined;
  return {
    sample,
    stop() {
      if (timer) clearInterval(timer);
      const clientKb = peaks.get(rootPid) ?? 0;
      let childrenKb = 0;
      for (const [pid, kb] of peaks) if (pid !== rootPid) childrenKb += kb;
      return { clientMb: clientKb / 1024, childrenMb: childrenKb / 1024, processes: peaks.size };
    },
  };
}

// --- one fresh runner process ---------------------------------------------------------------------------
async function fakeStats(port, reset = false) {
  const response = await fetch(`http://127.0.0.1:${port}/${reset ? 'reset' : 'stats'}`, {
    method: reset ? 'POST' : 'GET',
  });
  return reset ? undefined : response.json();
}

async function runOnce(runner, scenario, count, port, extraArgs) {
  await fakeStats(port, true);
  const started = performance.now();
  const child = spawn(runner.command, [...runner.args, ...(extraArgs ?? [scenario, String(count)])], {
    env: {
      ...process.env,
      ...runner.env,
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
      OPENAI_API_KEY: 'bench',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = treeSampler(child.pid);
  let result;
  let resultAtMs;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
    if (line && !result) {
      resultAtMs = performance.now() - started;
      sampler.sample();
      result = JSON.parse(line.slice(7));
    }
  });
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  const memory = sampler.stop();
  const stats = await fakeStats(port);
  const label = `${runner.id} ${scenario}`;
  if (code !== 0 || !result) {
    failures.push(`${label}: exit ${code}\n${stderr}`);
    log(`FAILED ${label}: exit ${code} ${stderr.split('\n').slice(-6).join(' | ')}`);
    return undefined;
  }
  const calls = stats.responses + stats.chat;
  const calledWrongApi = runner.api === 'chat' ? stats.responses > 0 : stats.chat > 0;
  if (
    calls !== 2 * result.turns ||
    stats.toolCalls !== result.turns ||
    stats.answers !== result.turns ||
    stats.errors > 0 ||
    result.errors > 0 ||
    calledWrongApi
  ) {
    const message = `${label}: ${result.turns} turns, ${result.errors} errors, fake saw ${JSON.stringify(stats)}`;
    failures.push(message);
    log(`CHECK FAILED (two model calls per turn) ${message}`);
  }
  return { ...result, coldMs: resultAtMs, ...memory };
}

// --- statistics and the table ---------------------------------------------------------------------------
const median = (values) => {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((x, y) => x - y);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fmt = (value, digits = 0) =>
  value === undefined
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (value, base) => (value === undefined || !base ? '' : ` (${(value / base).toFixed(2)}×)`);

function buildTable(samples) {
  const figure = (id, scenario, key) => median((samples.get(`${id}/${scenario}`) ?? []).map((r) => r[key]));
  const rows = [
    `| runner | wire API | turns/s | p50 ms | p99 ms | ${fmt(settings.concurrent)} concurrent: wall s | peak RSS MB: client + rkat-rpc | errors | cold start ms |`,
    '| --- | --- | --: | --: | --: | --: | --: | --: | --: |',
  ];
  for (const runner of RUNNERS) {
    const base = runner.api === 'chat' ? 'raw-chat' : 'raw-responses';
    const cell = (scenario, key, digits, scale = 1) => {
      const value = figure(runner.id, scenario, key);
      const baseValue = figure(base, scenario, key);
      return value === undefined
        ? '–'
        : `${fmt(value * scale, digits)}${runner.id === base ? '' : ratio(value, baseValue)}`;
    };
    const client = figure(runner.id, 'concurrent', 'clientMb');
    const children = figure(runner.id, 'concurrent', 'childrenMb');
    const total = client === undefined ? undefined : client + (children ?? 0);
    const baseTotal =
      (figure(base, 'concurrent', 'clientMb') ?? 0) + (figure(base, 'concurrent', 'childrenMb') ?? 0);
    const memory =
      total === undefined
        ? '–'
        : `${fmt(client)}${children ? ` + ${fmt(children)}` : ''}${runner.id === base ? '' : ratio(total, baseTotal)}`;
    const errors = (samples.get(`${runner.id}/concurrent`) ?? []).reduce((sum, r) => sum + r.errors, 0);
    rows.push(
      `| ${runner.label} \`${runner.id}\` | ${runner.api === 'chat' ? 'Chat Completions' : 'Responses'} | ${cell(
        'sequential',
        'turnsPerSecond',
        1,
      )} | ${cell('sequential', 'p50Ms', 1)} | ${cell('sequential', 'p99Ms', 1)} | ${cell(
        'concurrent',
        'wallMs',
        2,
        1 / 1000,
      )} | ${memory} | ${errors} | ${cell('cold', 'coldMs', 0)} |`,
    );
  }
  return rows.join('\n');
}

function persistenceTable(result) {
  if (!result) return '_persistence scenario not run_';
  return [
    `| figure (TS SDK → rkat-rpc, SQLite realm; ${fmt(result.messages)}-message session, ${fmt(result.sessions)} sessions) | ms |`,
    '| --- | --: |',
    `| spawn + handshake of a fresh \`rkat-rpc\` on the realm | ${fmt(result.connectMs, 1)} |`,
    `| resume: \`session/read\` of the big session | ${fmt(result.readMs, 1)} |`,
    `| resume: \`turn/start\` on it (one more turn, 2 model calls) | ${fmt(result.turnMs, 1)} |`,
    `| resume total (read + turn) | ${fmt(result.resumeMs, 1)} |`,
    `| \`session/list\` without a limit (all ${fmt(result.sessions)} in one response) | ${fmt(result.listAllMs, 1)} |`,
    `| \`session/list\` \`limit: 50\` | ${fmt(result.listPageMs, 1)} |`,
    `| (setup, not a figure: writing the data through \`SqliteSessionStore\` on tmpfs) | ${fmt(result.buildMs, 0)} |`,
  ].join('\n');
}

// --- main -----------------------------------------------------------------------------------------------
const benchStarted = Date.now();
const loadBefore = loadavg();
if (!existsSync(join(here, '..', 'packages', 'rpc-server', 'dist', 'src', 'bin', 'rkat-rpc.js'))) {
  log('the workspace is not built: run `npm ci && npm run build` at the root first');
  process.exit(1);
}
const hasPython = existsSync(PYTHON);
const runners = RUNNERS.filter((runner) => runner.command !== PYTHON || hasPython);
if (!hasPython) log(`no ${PYTHON}: the Python SDK runners are skipped (see the README to create the venv)`);

const fake = await startFake();
const samples = new Map();
let persistence;
try {
  log(`mode ${flags.quick ? 'quick' : 'full'}: ${JSON.stringify(settings)}, ${runners.length} runners`);
  for (let round = 0; round < settings.rounds; round++) {
    for (const [scenarioIndex, scenario] of SCENARIOS.entries()) {
      const shift = (round * 3 + scenarioIndex) % runners.length;
      const order = [...runners.slice(shift), ...runners.slice(0, shift)];
      for (const runner of order) {
        const count = scenario === 'concurrent' ? settings.concurrent : settings.sequential;
        const result = await runOnce(runner, scenario, count, fake.port);
        if (!result) continue;
        const key = `${runner.id}/${scenario}`;
        samples.set(key, [...(samples.get(key) ?? []), result]);
        const figure =
          scenario === 'cold'
            ? `${fmt(result.coldMs)} ms`
            : scenario === 'sequential'
              ? `${fmt(result.turnsPerSecond, 1)} turns/s p50 ${fmt(result.p50Ms, 1)} p99 ${fmt(result.p99Ms, 1)}`
              : `${fmt(result.wallMs / 1000, 2)} s, ${fmt(result.clientMb)} + ${fmt(result.childrenMb)} MB, ${result.errors} errors`;
        log(`round ${round + 1}/${settings.rounds} ${scenario.padEnd(10)} ${runner.id.padEnd(18)} ${figure}`);
      }
    }
  }
  if (!flags['no-persistence']) {
    const runner = { id: 'persistence', api: 'responses', ...node('persistence.mjs') };
    persistence = await runOnce(runner, 'persistence', 0, fake.port, [
      String(settings.messages),
      String(settings.sessions),
    ]);
    if (persistence) log(`persistence ${JSON.stringify(persistence)}`);
  }
} finally {
  fake.child.kill();
}

const loadAfter = loadavg();
const minutes = (Date.now() - benchStarted) / 60_000;
const table = buildTable(samples);
const python = hasPython ? execFileSync(PYTHON, ['--version']).toString().trim() : 'none';
const packageJson = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const peers = Object.entries(packageJson.devDependencies)
  .map(([name, version]) => `\`${name}@${version}\``)
  .join(', ');
const report = `# Benchmarks

${
  flags.quick
    ? '**QUICK RUN (`--quick`): smoke-test sizes, one round; not the full table.**'
    : settings.rounds < 3
      ? `**Full sizes, but only ${settings.rounds} round(s) (\`--rounds ${settings.rounds}\`): no median over rounds.**`
      : '**Full run.**'
}

- Date: ${new Date().toISOString()}; ${fmt(minutes, 1)} min for the whole run.
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Linux ${release()}; Node ${process.version}; ${python}.
- Load average (1/5/15 min) at start ${loadBefore.map((v) => v.toFixed(2)).join(' / ')}, at end ${loadAfter.map((v) => v.toFixed(2)).join(' / ')}${loadBefore[0] > cpus().length ? ' — **the machine was shared and loaded; absolute figures are noisy, ratios less so**' : ''}.
- Sizes: ${settings.rounds} round(s) (order rotated each round and scenario), sequential N = ${settings.sequential} turns (+5 warm-up, fresh conversation each), concurrent = ${fmt(settings.concurrent)} conversations at once, persistence ${fmt(settings.messages)} messages / ${fmt(settings.sessions)} sessions. Figures are medians over rounds.
- Peers (pinned in \`bench/package.json\`): ${peers}.

A turn: user prompt → the model asks for \`add(1,2)\` → the tool runs → the model streams a fixed 50-token answer;
two streamed model calls against a zero-latency local fake (\`bench/fake-server.mjs\`). Every run is checked
against the fake's counters: exactly two model calls per turn (${failures.length === 0 ? 'all runs passed' : `**${failures.length} run(s) failed the check, see below**`}).

${table}

(×) is the figure divided by the raw baseline's figure on the same wire API (for turns/s higher is better, for
every other column lower is better). Peak RSS is the sum of the per-process peaks (VmHWM) of the runner process
(client) and of its children (\`rkat-rpc\`) during the concurrent scenario. Cold start is spawn of the runner
process → its first completed turn (for the SDK rows this includes spawning \`rkat-rpc\` and the handshake).

Notes:
- Built-in tool rows: \`rkat-rpc\` has no built-in \`add\`, so the fake asks for the built-in \`datetime\` tool (equally
  trivial, no arguments) when \`add\` is not offered; the session runs with \`enable_builtins: true\`, so every request
  also carries the other built-in tool definitions. Callback rows run with \`enable_builtins: false\`.
- Our SDK rows use one \`rkat-rpc\` per runner process, with an isolated SQLite realm in a temp directory, one new
  session (\`session/create\`) per conversation; every turn is committed to SQLite (\`synchronous=FULL\`).
- \`@openai/agents\` runs with tracing disabled (\`setTracingDisabled(true)\`), streaming (\`run(..., { stream: true })\`).
  The AI SDK uses \`streamText\` with \`stopWhen: stepCountIs(5)\`.
  \`ai@7\` and \`@ai-sdk/openai@4\` declare \`engines.node >= 22\`; they run unchanged on this Node 20.
- \`meerkat core in-process\` is \`runAgent\` from \`packages/core\` with \`createLlmClient\` from \`packages/providers\`
  (\`openai\` → Responses, \`self_hosted\` \`chat_completions\` → Chat Completions), no store and no runtime.

## Persistence

${persistenceTable(persistence)}

The data are written directly through \`@rkat/store\` (\`SqliteSessionStore.createSession\`, one transaction per
session) in a temp realm, then timed through a fresh \`rkat-rpc\` (JSON-RPC \`session/read\`, \`turn/start\`,
\`session/list\`). \`session/list\` has no page cap, so the whole list is one RPC call. Run once per bench run.
${failures.length ? `\n## Failed checks\n\n\`\`\`\n${failures.join('\n')}\n\`\`\`\n` : ''}`;

process.stdout.write(`\n${table}\n\n${persistenceTable(persistence)}\n`);
if (!flags['no-write']) {
  writeFileSync(join(here, 'RESULTS.md'), report);
  log('wrote bench/RESULTS.md');
}
if (failures.length > 0) {
  log(`${failures.length} FAILED run(s):\n${failures.join('\n')}`);
  process.exit(1);
}
