import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ToolDef } from '@rkat/contracts';
import type { ToolCall, ToolExecutionContext, ToolOutcome, ToolSource } from '@rkat/core';
import { normalizeRealmConfig } from '../../src/config/realm-config.js';
import { CompositeToolSource } from '../../src/session-tools/composite-tool-source.js';
import { ConcurrencyLimitedTools } from '../../src/session-tools/concurrency-limited-tools.js';
import { persistMcpChange } from '../../src/session-tools/mcp-persistence.js';
import { loadConfiguredMcpServers, mcpFilePath } from '../../src/session-tools/mcp-server-files.js';
import { toolEnvironmentConfigOf } from '../../src/session-tools/tool-environment-config.js';

const def = (name: string): ToolDef => ({ name, description: name, input_schema: { type: 'object' } });

/** A source whose calls resolve when the test says so, counting how many run at once. */
class GatedTools implements ToolSource {
  running = 0;
  peak = 0;
  readonly gates: (() => void)[] = [];
  constructor(private readonly names: string[]) {}
  list(): readonly ToolDef[] {
    return this.names.map(def);
  }
  async execute(call: ToolCall): Promise<ToolOutcome> {
    this.running += 1;
    this.peak = Math.max(this.peak, this.running);
    await new Promise<void>((resolve) => this.gates.push(resolve));
    this.running -= 1;
    return { content: `${call.name} from ${this.names.join(',')}`, isError: false };
  }
}

const context = (signal = new AbortController().signal): ToolExecutionContext => ({ sessionId: 's', signal });
const call = (name: string, id = name): ToolCall => ({ id, name, args: {} });

async function settle(): Promise<void> {
  for (let index = 0; index < 5; index += 1) await Promise.resolve();
}

void test('the concurrency cap runs calls in order and skips a waiter whose signal aborts', async () => {
  const inner = new GatedTools(['t']);
  const limited = new ConcurrencyLimitedTools(inner, 2);
  const aborted = new AbortController();
  const results = [
    limited.execute(call('t', 'a'), context()),
    limited.execute(call('t', 'b'), context()),
    limited.execute(call('t', 'c'), context(aborted.signal)),
    limited.execute(call('t', 'd'), context()),
  ];
  await settle();
  assert.equal(inner.running, 2);
  aborted.abort(new Error('interrupted'));
  await assert.rejects(results[2] as Promise<ToolOutcome>, /interrupted/);
  inner.gates.shift()?.();
  await settle();
  assert.equal(inner.running, 2, 'd took the freed slot, c never started');
  while (inner.gates.length > 0) {
    inner.gates.shift()?.();
    await settle();
  }
  await Promise.all([results[0], results[1], results[3]]);
  assert.equal(inner.peak, 2);
  assert.throws(() => new ConcurrencyLimitedTools(inner, 0), RangeError);
});

void test('a composite offers each name once, the first source winning', async () => {
  const first = new GatedTools(['shared', 'only_first']);
  const second = new GatedTools(['shared', 'only_second']);
  const composite = new CompositeToolSource([first, second]);
  assert.deepEqual(
    composite.list().map((tool) => tool.name),
    ['shared', 'only_first', 'only_second'],
  );
  const shared = composite.execute(call('shared'), context());
  await settle();
  first.gates.shift()?.();
  assert.equal((await shared).content, 'shared from shared,only_first');
  assert.deepEqual(await composite.execute(call('missing'), context()), {
    content: "unknown tool 'missing'",
    isError: true,
  });
});

void test('the tool sections of the realm config are read with their defaults', () => {
  const defaults = toolEnvironmentConfigOf(normalizeRealmConfig({}), '/realm');
  assert.deepEqual(defaults, {
    shell: { program: 'nu', timeoutSecs: 30, securityMode: 'unrestricted', securityPatterns: [] },
    maxConcurrent: 10,
    mcpServers: [],
    tasksPath: undefined,
  });
  const custom = toolEnvironmentConfigOf(
    normalizeRealmConfig({
      tools: { max_concurrent: 0, mcp_servers: [{ name: 'a', command: 'x' }] },
      shell: { program: 'bash', security_mode: 'deny_list', security_patterns: ['rm *'] },
      store: { tasks_path: 'tasks' },
    }),
    '/realm',
  );
  assert.equal(custom.maxConcurrent, undefined, '0 means no cap');
  assert.equal(custom.tasksPath, '/realm/tasks');
  assert.deepEqual(custom.shell.securityPatterns, ['rm *']);
  assert.equal(custom.mcpServers.length, 1);
});

void test('mcp.toml sources merge local over project over user over config, with ${VAR} expanded', async () => {
  const root = await mkdtemp(join(tmpdir(), 'rkat-session-tools-'));
  try {
    const projectRoot = join(root, 'project');
    const userRoot = join(root, 'home');
    await persistMcpChange(projectRoot, {
      operation: 'add',
      config: { name: 'a', command: '${TOOL}', args: ['project'] },
      persisted: true,
    });
    await persistMcpChange(userRoot, {
      operation: 'add',
      config: { name: 'a', command: 'user' },
      persisted: true,
    });
    await persistMcpChange(userRoot, {
      operation: 'add',
      config: { name: 'b', url: 'https://b.example/mcp' },
      persisted: true,
    });
    const servers = await loadConfiguredMcpServers({
      projectRoot,
      userRoot,
      configServers: [
        { name: 'b', command: 'config' },
        { name: 'c', command: 'config' },
      ],
      env: { TOOL: 'expanded' },
    });
    assert.deepEqual(
      servers.map((server) => [server.name, 'command' in server ? server.command : server.url]),
      [
        ['a', 'expanded'],
        ['b', 'https://b.example/mcp'],
        ['c', 'config'],
      ],
    );
    assert.match(
      await readFile(mcpFilePath(projectRoot), 'utf8'),
      /\$\{TOOL\}/,
      'the file keeps the reference',
    );
    await assert.rejects(
      loadConfiguredMcpServers({ projectRoot, userRoot, configServers: [], env: {} }),
      /missing environment variable 'TOOL'/,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

void test('a persisted change can be undone: the previous file comes back, a created one goes', async () => {
  const root = await mkdtemp(join(tmpdir(), 'rkat-session-tools-'));
  try {
    const undoCreate = await persistMcpChange(root, {
      operation: 'add',
      config: { name: 'a', command: 'x' },
      persisted: true,
    });
    const written = await readFile(mcpFilePath(root), 'utf8');
    const undoRemove = await persistMcpChange(root, {
      operation: 'remove',
      serverName: 'a',
      persisted: true,
    });
    assert.doesNotMatch(await readFile(mcpFilePath(root), 'utf8'), /name = "a"/);
    await undoRemove();
    assert.equal(await readFile(mcpFilePath(root), 'utf8'), written);
    await undoCreate();
    await assert.rejects(stat(mcpFilePath(root)), { code: 'ENOENT' });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
