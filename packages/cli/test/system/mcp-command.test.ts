import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { fakeScript, startFakeProvider, type FakeProvider } from '@rkat/testing/fake-provider';
import { runRkat } from './rkat-process.js';

// `rkat mcp add|remove|list|get` on the project, local and user files, and `rkat run -t` presets.
const STDIO_SERVER = fileURLToPath(
  new URL('../../../../tools/dist/test/mcp/fixtures/stdio-server.js', import.meta.url),
);

let fake: FakeProvider;
let home: string;

before(async () => {
  fake = await startFakeProvider();
  home = await mkdtemp(join(tmpdir(), 'rkat-cli-mcp-'));
});

after(async () => {
  await fake.close();
  await rm(home, { recursive: true, force: true });
});

function env(): Record<string, string> {
  return { HOME: home, XDG_DATA_HOME: join(home, 'data'), ...fake.env() };
}

async function project(name: string): Promise<string> {
  return mkdtemp(join(home, `${name}-`));
}

void test(
  'rkat mcp add, list, get and remove edit the project, local and user files',
  { timeout: 90_000 },
  async () => {
    const cwd = await project('edit');
    const rkat = (args: string[]) => runRkat(['mcp', ...args], { env: env(), cwd });

    const added = await rkat([
      'add',
      'fx',
      '-e',
      'TOKEN=t0ps3cret',
      '--',
      process.execPath,
      STDIO_SERVER,
      'normal',
    ]);
    assert.equal(added.code, 0, added.stderr);
    const projectFile = await readFile(join(cwd, '.rkat', 'mcp.toml'), 'utf8');
    assert.match(projectFile, /\[\[servers\]\]/);
    assert.match(projectFile, /name = "fx"/);
    assert.match(projectFile, /stdio-server\.js/);

    const web = await rkat([
      'add',
      'web',
      '--transport',
      'sse',
      '--url',
      'https://mcp.example/sse',
      '-H',
      'Authorization: Bearer h3ader',
      '--scope',
      'user',
    ]);
    assert.equal(web.code, 0, web.stderr);
    assert.match(await readFile(join(home, '.rkat', 'mcp.toml'), 'utf8'), /transport = "sse"/);
    const local = await rkat(['add', 'fx', '--scope', 'local', '--url', 'https://local.example/mcp']);
    assert.equal(local.code, 0, local.stderr);

    const listed = await rkat(['list']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^NAME\s+SCOPE\s+TRANSPORT\s+TARGET$/m);
    assert.match(listed.stdout, /^fx\s+local\s+http\s+https:\/\/local\.example\/mcp$/m);
    assert.match(listed.stdout, /^fx\s+project\s+stdio\s+/m);
    assert.match(listed.stdout, /^web\s+user\s+sse\s+https:\/\/mcp\.example\/sse$/m);
    const json = await rkat(['list', '--json']);
    assert.doesNotMatch(json.stdout, /t0ps3cret|h3ader/, 'env and header values are never printed');
    assert.equal((JSON.parse(json.stdout) as unknown[]).length, 3);

    const got = await rkat(['get', 'web']);
    assert.equal(got.code, 0, got.stderr);
    assert.match(got.stdout, /transport: sse/);
    assert.match(got.stdout, /headers: Authorization/);
    assert.doesNotMatch(got.stdout, /h3ader/);

    const removed = await rkat(['remove', 'fx']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /local, project/);
    assert.doesNotMatch(await readFile(join(cwd, '.rkat', 'mcp.toml'), 'utf8'), /name = "fx"/);
    const gone = await rkat(['get', 'fx']);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /no MCP server named 'fx'/);
    const noCommand = await rkat(['add', 'broken', '--transport', 'stdio']);
    assert.equal(noCommand.code, 1);
    assert.match(noCommand.stderr, /needs a command/);
  },
);

void test(
  'rkat run -t full reaches project MCP servers and -t safe or none does not',
  { timeout: 90_000 },
  async () => {
    const cwd = await project('run');
    await mkdir(join(cwd, '.rkat'));
    const server = `command = ${JSON.stringify(process.execPath)}\nargs = [${JSON.stringify(STDIO_SERVER)}, "normal", "m_"]`;
    await writeFile(join(cwd, '.rkat', 'mcp.toml'), `[[servers]]\nname = "fx"\n${server}\n`);
    const script = (marker: string) =>
      `${marker} ${fakeScript([
        {
          tools: [
            { name: 'm_echo', args: { text: `echo-${marker}` } },
            { name: 'shell', args: { command: 'echo x' } },
          ],
        },
        { text: `${marker} finished` },
      ])}`;

    const full = await runRkat(['run', '-t', 'full', script('tools-full')], { env: env(), cwd });
    assert.equal(full.code, 0, full.stderr);
    assert.match(full.stderr, /✓ m_echo/);
    assert.match(full.stderr, /✓ shell/);

    const safe = await runRkat(['run', '--tools', 'safe', script('tools-safe')], { env: env(), cwd });
    assert.equal(safe.code, 0, safe.stderr);
    assert.match(safe.stdout, /tools-safe finished/);
    assert.doesNotMatch(safe.stderr, /✓ m_echo|✓ shell/);
    const offered = (marker: string): string[] => {
      const request = [...fake.requests]
        .reverse()
        .find((entry) => JSON.stringify(entry.body).includes(marker));
      assert.ok(request, marker);
      return ((request.body as { tools?: { name: string }[] }).tools ?? []).map((tool) => tool.name);
    };
    assert.ok(offered('tools-safe').includes('datetime'));
    assert.ok(!offered('tools-safe').includes('apply_patch'));

    const none = await runRkat(['run', '-t', 'none', script('tools-none')], { env: env(), cwd });
    assert.equal(none.code, 0, none.stderr);
    assert.deepEqual(offered('tools-none'), []);
  },
);
