import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeScript, startFakeProvider, type FakeProvider, type FakeStep } from '@rkat/testing/fake-provider';
import { printedSessionId, runRkat, type RkatOutcome } from './rkat-process.js';

// The whole stack in real processes: rkat → runtime → core retry policy → a real provider client → the fake.
let fake: FakeProvider;
let home: string;
let stateRoot: string;
const REALM = 'faults';

before(async () => {
  fake = await startFakeProvider();
  home = await mkdtemp(join(tmpdir(), 'rkat-faults-'));
  stateRoot = join(home, 'state');
  await mkdir(join(stateRoot, REALM), { recursive: true });
  const retry = [
    '[retry]',
    'max_retries = 2',
    'initial_delay = "20ms"',
    'max_delay = "50ms"',
    'multiplier = 2',
  ];
  await writeFile(join(stateRoot, REALM, 'config.toml'), `${retry.join('\n')}\n`);
});

after(async () => {
  await fake.close();
  await rm(home, { recursive: true, force: true });
});

function rkat(...args: string[]): Promise<RkatOutcome> {
  return runRkat([...args, '--realm', REALM, '--state-root', stateRoot], {
    env: { HOME: home, ...fake.env() },
    cwd: home,
  });
}

/** Attempts the fake saw for the scripted prompt carrying `marker`. */
function attemptsFor(marker: string): number {
  return fake.requests.filter((request) => JSON.stringify(request.body).includes(marker)).length;
}

function prompt(marker: string, steps: FakeStep[]): string {
  return `${marker} ${fakeScript(steps)}`;
}

void describe('provider faults through rkat', () => {
  void test(
    'R19 provider-429-retry-after: a 429 with retry-after is retried and the turn succeeds',
    { timeout: 120_000 },
    async () => {
      const outcome = await rkat(
        'run',
        prompt('m-429', [{ error: { status: 429, retry_after: 1, times: 1 }, text: 'after the wait' }]),
      );
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.match(outcome.stdout, /after the wait/);
      assert.equal(attemptsFor('m-429'), 2);
    },
  );

  void test(
    'R20 provider-overloaded-and-5xx: 529 overloaded is retried with back-off until the call succeeds',
    { timeout: 120_000 },
    async () => {
      const outcome = await rkat(
        'run',
        prompt('m-5xx', [{ error: { status: 529, times: 2 }, text: 'recovered' }]),
        '--model',
        'gpt-5.5',
      );
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.match(outcome.stdout, /recovered/);
      assert.equal(attemptsFor('m-5xx'), 3);
    },
  );

  void test(
    'R20 provider-overloaded-and-5xx: exhausted retries fail the turn and leave the session resumable',
    { timeout: 120_000 },
    async () => {
      const failed = await rkat('run', prompt('m-500', [{ error: { status: 500 } }]));
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /turn abandoned/);
      assert.equal(attemptsFor('m-500'), 3, 'the first call and max_retries = 2 retries');
      const sessionId = printedSessionId(failed.stderr);
      const resumed = await rkat('resume', sessionId, 'plain follow-up m-500-resume');
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stdout, /echo: plain follow-up m-500-resume/);
    },
  );

  for (const status of [400, 401, 404]) {
    void test(`R21 provider-non-retryable: HTTP ${status} is not retried`, { timeout: 120_000 }, async () => {
      const marker = `m-${status}`;
      const outcome = await rkat(
        'run',
        prompt(marker, [{ error: { status } }]),
        '--model',
        'gemini-3-flash-preview',
      );
      assert.equal(outcome.code, 1);
      assert.equal(attemptsFor(marker), 1);
    });
  }

  void test(
    'R22 stream-cut: a stream cut after visible output is not replayed',
    { timeout: 120_000 },
    async () => {
      const outcome = await rkat(
        'run',
        prompt('m-cut', [{ text: 'partial answer that is cut', cut_after: 3 }]),
      );
      assert.equal(outcome.code, 1);
      assert.equal(attemptsFor('m-cut'), 1, 'no silent replay after text reached the user');
      assert.doesNotMatch(outcome.stdout, /partial answer that is cut$/m, 'the whole answer never arrived');
    },
  );
});
