import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ToolFilter } from '@rkat/contracts';
import {
  ExternalToolRegistry,
  composeSessionTools,
  type ExternalToolChange,
  type FlowToolOverlay,
} from '../../src/index.js';
import { WAIT, answeringPort, call, context, fakeBuiltins, toolDef } from './support.js';

function echoPort() {
  return answeringPort((request) => ({ content: `client:${request.name}`, is_error: false }));
}

function names(source: { list(): readonly { name: string; description: string }[] }): string[] {
  return source.list().map((tool) => tool.name);
}

void test('session tools beat global tools, which beat built-ins; the order is stable', WAIT, async () => {
  const globalTools = new ExternalToolRegistry();
  globalTools.register([
    toolDef('shared', 'global shared'),
    toolDef('datetime', 'global datetime'),
    toolDef('g'),
  ]);
  const builtins = fakeBuiltins(['datetime', 'shell']);
  const port = echoPort();
  const tools = composeSessionTools({
    builtins,
    globalTools,
    sessionTools: [toolDef('s'), toolDef('shared', 'session shared')],
    port,
  });
  assert.deepEqual(names(tools), ['shell', 'datetime', 'g', 's', 'shared']);
  assert.equal(tools.list().find((tool) => tool.name === 'shared')?.description, 'session shared');
  assert.equal(tools.list().find((tool) => tool.name === 'datetime')?.description, 'global datetime');
  assert.deepEqual(names(tools), ['shell', 'datetime', 'g', 's', 'shared']);

  assert.deepEqual(await tools.execute(call('datetime'), context()), {
    content: 'client:datetime',
    isError: false,
  });
  assert.deepEqual(await tools.execute(call('shell'), context()), {
    content: 'builtin:shell',
    isError: false,
  });
  assert.deepEqual(builtins.executed, ['shell']);
  assert.deepEqual(
    port.requests.map((request) => request.name),
    ['datetime'],
  );
  assert.equal(tools.timeoutMs('datetime'), 30_000);
  assert.equal(tools.timeoutMs('shell'), undefined);
});

void test('built-in timeouts pass through; hidden or unknown names have none', () => {
  const tools = composeSessionTools({
    builtins: fakeBuiltins(['shell'], 600_000),
    globalTools: new ExternalToolRegistry(),
    sessionTools: [],
    port: undefined,
    filter: { Deny: ['shell'] },
  });
  assert.equal(tools.timeoutMs('shell'), undefined);
  const visible = composeSessionTools({
    builtins: fakeBuiltins(['shell'], 600_000),
    globalTools: new ExternalToolRegistry(),
    sessionTools: [],
    port: undefined,
  });
  assert.equal(visible.timeoutMs('shell'), 600_000);
});

void test('without a port no callback tool is offered', WAIT, async () => {
  const globalTools = new ExternalToolRegistry();
  globalTools.register([toolDef('g'), toolDef('datetime')]);
  const tools = composeSessionTools({
    builtins: fakeBuiltins(['datetime']),
    globalTools,
    sessionTools: [toolDef('s')],
    port: undefined,
  });
  assert.deepEqual(names(tools), ['datetime']);
  assert.deepEqual(await tools.execute(call('datetime'), context()), {
    content: 'builtin:datetime',
    isError: false,
  });
  assert.deepEqual(await tools.execute(call('s'), context()), { content: 'unknown tool: s', isError: true });
});

const visibility: [string, ToolFilter | undefined, FlowToolOverlay | undefined, string[]][] = [
  ['no filter', undefined, undefined, ['b1', 'b2', 'g', 's']],
  ['All', 'All', undefined, ['b1', 'b2', 'g', 's']],
  ['Allow', { Allow: ['b2', 's', 'missing'] }, undefined, ['b2', 's']],
  ['Deny', { Deny: ['b1', 'g'] }, undefined, ['b2', 's']],
  ['overlay allowed', 'All', { allowed_tools: ['b1', 'g'] }, ['b1', 'g']],
  ['overlay blocked', undefined, { blocked_tools: ['s'] }, ['b1', 'b2', 'g']],
  ['overlay empty allow', undefined, { allowed_tools: [] }, []],
  ['overlay nulls', undefined, { allowed_tools: null, blocked_tools: null }, ['b1', 'b2', 'g', 's']],
  [
    'filter and overlay',
    { Allow: ['b1', 'b2', 'g'] },
    { allowed_tools: ['b2', 'g', 's'], blocked_tools: ['g'] },
    ['b2'],
  ],
];

for (const [label, filter, overlay, expected] of visibility) {
  void test(`visibility: ${label}`, WAIT, async () => {
    const globalTools = new ExternalToolRegistry();
    globalTools.register([toolDef('g')]);
    const builtins = fakeBuiltins(['b1', 'b2']);
    const port = echoPort();
    const tools = composeSessionTools({
      builtins,
      globalTools,
      sessionTools: [toolDef('s')],
      port,
      filter,
      overlay,
    });
    assert.deepEqual(names(tools), expected);
    for (const name of ['b1', 'b2', 'g', 's'].filter((tool) => !expected.includes(tool))) {
      assert.deepEqual(await tools.execute(call(name), context()), {
        content: `unknown tool: ${name}`,
        isError: true,
      });
    }
    assert.deepEqual(builtins.executed, []);
    assert.deepEqual(port.requests, []);
  });
}

void test('a new global registration applies at the next list() and is announced once', () => {
  const globalTools = new ExternalToolRegistry();
  globalTools.register([toolDef('a')]);
  const applied: ExternalToolChange[] = [];
  const tools = composeSessionTools({
    builtins: undefined,
    globalTools,
    sessionTools: [],
    port: echoPort(),
    onGlobalToolsApplied: (change) => applied.push(change),
  });
  assert.deepEqual(names(tools), ['a']);
  globalTools.register([toolDef('b'), toolDef('a', 'new a')]);
  assert.equal(tools.appliedRevision, 1);
  assert.deepEqual(applied, []);
  assert.deepEqual(names(tools), ['a', 'b']);
  assert.equal(tools.list()[0]?.description, 'new a');
  assert.deepEqual(applied, [{ fromRevision: 1, revision: 2, added: ['b'], replaced: ['a'] }]);
  assert.equal(tools.appliedRevision, 2);
});

void test('registrations made while a session was idle are announced at its next run', () => {
  const globalTools = new ExternalToolRegistry();
  globalTools.register([toolDef('a')]);
  const options = { builtins: undefined, globalTools, sessionTools: [], port: echoPort() };
  const firstRun = composeSessionTools(options);
  globalTools.register([toolDef('b')]);
  const applied: ExternalToolChange[] = [];
  const nextRun = composeSessionTools({
    ...options,
    appliedRevision: firstRun.appliedRevision,
    onGlobalToolsApplied: (change) => {
      applied.push(change);
      throw new Error('a broken announcer must not break the run');
    },
  });
  assert.deepEqual(names(nextRun), ['a', 'b']);
  assert.deepEqual(names(nextRun), ['a', 'b']);
  assert.deepEqual(applied, [{ fromRevision: 1, revision: 2, added: ['b'], replaced: [] }]);
});
