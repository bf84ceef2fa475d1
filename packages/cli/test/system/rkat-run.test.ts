import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeScript, startFakeProvider, type FakeProvider } from '@rkat/testing/fake-provider';
import { printedSessionId, runRkat } from './rkat-process.js';

let fake: FakeProvider;
let home: string;

before(async () => {
  fake = await startFakeProvider();
  home = await mkdtemp(join(tmpdir(), 'rkat-cli-'));
});

after(async () => {
  await fake.close();
  await rm(home, { recursive: true, force: true });
});

/** A clean environment: the fake's base URLs and keys, and a private HOME / data dir. */
function fakeEnv(): Record<string, string> {
  return { HOME: home, XDG_DATA_HOME: join(home, 'data'), ...fake.env() };
}

/** The body of the last request the fake received whose conversation carries `marker`. */
function requestBodyWith(marker: string): string {
  const bodies = fake.requests.map((request) => JSON.stringify(request.body));
  const body = bodies.reverse().find((text) => text.includes(marker));
  assert.ok(body, `the fake received a request carrying "${marker}"`);
  return body;
}

const FORMATS = [
  { name: 'anthropic', model: 'claude-opus-4-7', realm: undefined },
  { name: 'openai', model: 'gpt-5.5', realm: 'cli-openai' },
  { name: 'gemini', model: 'gemini-3-flash-preview', realm: 'cli-gemini' },
  { name: 'self_hosted', model: 'fake-local', realm: 'cli-self-hosted' },
] as const;

async function writeSelfHostedConfig(stateRoot: string, realm: string): Promise<void> {
  await mkdir(join(stateRoot, realm), { recursive: true });
  const toml = [
    '[self_hosted.servers.fake]',
    `base_url = "${fake.url}/v1"`,
    'api_style = "chat_completions"',
    '',
    '[self_hosted.models.fake-local]',
    'server = "fake"',
    'remote_model = "fake-model"',
  ];
  await writeFile(join(stateRoot, realm, 'config.toml'), `${toml.join('\n')}\n`);
}

async function runAndResume(format: (typeof FORMATS)[number]): Promise<void> {
  const project = await mkdtemp(join(home, `project-${format.name}-`));
  const stateRoot = join(project, 'state');
  const realmArgs = format.realm ? ['--realm', format.realm] : [];
  if (format.name === 'self_hosted') await writeSelfHostedConfig(stateRoot, format.realm ?? '');
  const options = { env: fakeEnv(), cwd: project };
  const question = `What day is it for ${format.name}?`;

  const script = fakeScript([
    { tools: [{ name: 'datetime' }] },
    { text: `Today is fine for ${format.name}.` },
  ]);
  const first = await runRkat(
    ['run', `${script} ${question}`, '--model', format.model, '--state-root', stateRoot, ...realmArgs],
    options,
  );
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, new RegExp(`Today is fine for ${format.name}\\.`));
  assert.match(first.stderr, /⚙ datetime\(\{\}\)/);
  assert.match(first.stderr, /✓ datetime/);
  const sessionId = printedSessionId(first.stderr);

  const followUp = `And tomorrow for ${format.name}?`;
  const again = `${fakeScript([{ text: 'Tomorrow comes next.' }])} ${followUp}`;
  const second = await runRkat(
    ['resume', sessionId, again, '--state-root', stateRoot, ...realmArgs],
    options,
  );
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /Tomorrow comes next\./);
  assert.equal(printedSessionId(second.stderr), sessionId);
  const body = requestBodyWith(followUp);
  for (const earlier of [question, `Today is fine for ${format.name}.`, 'unix_timestamp']) {
    assert.ok(body.includes(earlier), `the resumed request carries "${earlier}"`);
  }

  if (format.name !== 'anthropic') return;
  // Listing once is enough; this format runs in the working-directory realm (no --realm).
  const listed = await runRkat(['sessions', '--json', '--state-root', stateRoot], options);
  assert.equal(listed.code, 0, listed.stderr);
  const sessions = JSON.parse(listed.stdout) as { session_id: string; message_count: number }[];
  assert.deepEqual(
    sessions.map((session) => [session.session_id, session.message_count]),
    [[sessionId, 6]],
  );
}

void describe('rkat run and resume against each wire format', { concurrency: 2 }, () => {
  for (const format of FORMATS) {
    void test(`${format.name}: a tool call, then a resume in a second process`, { timeout: 240_000 }, () =>
      runAndResume(format),
    );
  }
});

void describe('rkat failures and options', { concurrency: 2 }, () => {
  void test('without any key it names the variable to set and exits 2', { timeout: 240_000 }, async () => {
    const project = await mkdtemp(join(home, 'project-nokey-'));
    const env = { HOME: home, XDG_DATA_HOME: join(home, 'data'), ANTHROPIC_BASE_URL: fake.url };
    const outcome = await runRkat(['run', 'hello', '--state-root', join(project, 'state')], {
      env,
      cwd: project,
    });
    assert.equal(outcome.code, 2, outcome.stderr);
    assert.match(outcome.stderr, /ANTHROPIC_API_KEY/);
    assert.equal(outcome.stderr.trim().split('\n').length, 1, `one line: ${outcome.stderr}`);
    assert.doesNotMatch(outcome.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
  });

  void test('--output-schema prints the structured output after the text', { timeout: 240_000 }, async () => {
    const project = await mkdtemp(join(home, 'project-schema-'));
    const schema = JSON.stringify({
      type: 'object',
      properties: { answer: { type: 'string' } },
      required: ['answer'],
    });
    const prompt = `${fakeScript([{ text: 'Worked it out.' }, { json: { answer: '42' } }])} Answer.`;
    const args = ['run', prompt, '--output-schema', schema, '--state-root', join(project, 'state')];
    const outcome = await runRkat([...args, '--realm', 'schema'], { env: fakeEnv(), cwd: project });
    assert.equal(outcome.code, 0, outcome.stderr);
    const [text, ...json] = outcome.stdout.split('\n');
    assert.equal(text, 'Worked it out.');
    assert.deepEqual(JSON.parse(json.join('\n')), { answer: '42' });
  });

  void test('--json prints the run result', { timeout: 240_000 }, async () => {
    const project = await mkdtemp(join(home, 'project-json-'));
    const prompt = `${fakeScript([{ text: 'plain', usage: { input: 7, output: 3 } }])} hi`;
    const outcome = await runRkat(['run', prompt, '--json', '--state-root', join(project, 'state')], {
      env: fakeEnv(),
      cwd: project,
    });
    assert.equal(outcome.code, 0, outcome.stderr);
    const result = JSON.parse(outcome.stdout) as {
      text: string;
      usage: { total_tokens: number };
      session_ref: string;
    };
    assert.equal(result.text, 'plain');
    assert.equal(result.usage.total_tokens, 10);
    assert.match(result.session_ref, /^ws-[0-9a-f]{16}:/, 'the working-directory realm');
  });

  void test('rkat models --json prints the catalog', { timeout: 240_000 }, async () => {
    const project = await mkdtemp(join(home, 'project-models-'));
    const outcome = await runRkat(['models', '--json', '--state-root', join(project, 'state')], {
      env: fakeEnv(),
      cwd: project,
    });
    assert.equal(outcome.code, 0, outcome.stderr);
    const catalog = JSON.parse(outcome.stdout) as {
      providers: { provider: string; default_model_id: string }[];
    };
    assert.deepEqual(
      catalog.providers.map((entry) => [entry.provider, entry.default_model_id]),
      [
        ['anthropic', 'claude-opus-4-7'],
        ['openai', 'gpt-5.5'],
        ['gemini', 'gemini-3-flash-preview'],
      ],
    );
  });
});
