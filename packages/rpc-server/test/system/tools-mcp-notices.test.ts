import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { FakeStep } from '@rkat/testing/fake-provider';
import type { RpcClient } from './rpc-client.js';
import { SystemFixture, scripted } from './support.js';
import { completedTools, toolConfigChanges } from './tools-support.js';

// 01 §13: an MCP change applied at a turn boundary is reported by a `tool_config_changed` event (with
// `applied_at_turn`) and by a prompt system notice that reaches the model and stays in the transcript.
const STDIO_SERVER = fileURLToPath(
  new URL('../../../../tools/dist/test/mcp/fixtures/stdio-server.js', import.meta.url),
);

let fixture: SystemFixture;
let rpc: RpcClient;
let workspace: string;

before(async () => {
  fixture = await SystemFixture.start();
  workspace = await mkdtemp(join(tmpdir(), 'rkat-mcp-notices-'));
  rpc = fixture.spawn(['--realm', 'tools-mcp-notices', '--context-root', workspace]);
});

after(async () => {
  await fixture.stop();
  await rm(workspace, { recursive: true, force: true });
});

interface HistoryMessage {
  role: string;
  kind?: string;
  body?: string;
  content?: unknown;
}

/** The text of the model request whose body carries `marker` (the last one of that turn). */
function requestText(marker: string): string {
  const request = [...fixture.fake.requests]
    .reverse()
    .find((entry) => JSON.stringify(entry.body).includes(marker));
  assert.ok(request, `the fake received a request with "${marker}"`);
  return JSON.stringify(request.body);
}

/** Runs a turn; with `toolName` its first step calls that tool once (id `<marker>-call`). */
async function turn(sessionId: string, marker: string, toolName?: string): Promise<void> {
  const done: FakeStep = { text: `${marker} done` };
  const steps: FakeStep[] =
    toolName === undefined
      ? [done]
      : [{ tools: [{ id: `${marker}-call`, name: toolName, args: { text: marker } }] }, done];
  const result = await rpc.call<{ text: string }>('turn/start', {
    session_id: sessionId,
    prompt: scripted(steps, marker),
  });
  assert.equal(result.text, `${marker} done`);
}

const ADDED = "MCP server 'fx' was added at this turn boundary; its ";
const BROKEN = "MCP server 'broken' could not be added: ";
const REMOVED = "MCP server 'fx' was removed at this turn boundary; its tools are no longer available.";

void test(
  'applied MCP changes reach the model as system notices at their boundary, stay in session/history, and carry applied_at_turn',
  { timeout: 90_000 },
  async () => {
    const created = await rpc.call<{ session_id: string }>('session/create', {
      prompt: 'hello',
      initial_turn: 'deferred',
    });
    const sessionId = created.session_id;
    await rpc.call('mcp/add', {
      session_id: sessionId,
      server_config: { name: 'fx', command: process.execPath, args: [STDIO_SERVER, 'normal', 'n_'] },
    });
    await rpc.call('mcp/add', {
      session_id: sessionId,
      server_config: { name: 'broken', command: join(workspace, 'no-such-server') },
    });

    await turn(sessionId, 'notice-turn-1', 'n_echo');
    const echoed = completedTools(rpc, sessionId).find((call) => call.id === 'notice-turn-1-call');
    assert.equal(echoed?.is_error, false, 'the added server serves the turn where it applied');
    const firstRequest = requestText('notice-turn-1');
    assert.ok(firstRequest.includes(ADDED), 'the add notice reaches the provider');
    assert.ok(firstRequest.includes(BROKEN), 'the failed add notice reaches the provider');

    await turn(sessionId, 'notice-turn-2');
    await rpc.call('mcp/remove', { session_id: sessionId, server_name: 'fx' });
    await turn(sessionId, 'notice-turn-3');
    const thirdRequest = requestText('notice-turn-3');
    assert.ok(thirdRequest.includes(REMOVED), 'the remove notice reaches the provider');
    assert.equal(
      thirdRequest.split(ADDED).length - 1,
      1,
      'an earlier notice is history: sent once, not repeated',
    );

    assert.deepEqual(
      toolConfigChanges(rpc, sessionId).map((payload) => [
        payload.operation,
        payload.target,
        String(payload.status).split(':')[0],
        payload.applied_at_turn,
      ]),
      [
        ['add', 'fx', 'applied', 1],
        ['add', 'broken', 'failed', 1],
        ['remove', 'fx', 'applied', 3],
      ],
    );

    const history = await rpc.call<{ messages: HistoryMessage[] }>('session/history', {
      session_id: sessionId,
    });
    const lines = history.messages.map((message) =>
      message.role === 'system_notice'
        ? `notice ${message.kind}: ${message.body}`
        : message.role === 'user'
          ? `user ${JSON.stringify(message.content).match(/notice-turn-\d/)?.[0] ?? ''}`
          : message.role,
    );
    const noticeLines = lines.filter((line) => line.startsWith('notice'));
    assert.equal(noticeLines.length, 3, lines.join('\n'));
    assert.ok(noticeLines[0]?.startsWith(`notice tool_scope: ${ADDED}`));
    assert.ok(noticeLines[1]?.startsWith(`notice tool_scope_warning: ${BROKEN}`));
    assert.equal(noticeLines[2], `notice tool_scope: ${REMOVED}`);
    // Each notice is committed at its boundary, just before that turn's prompt.
    const firstPrompt = lines.indexOf('user notice-turn-1');
    assert.deepEqual(lines.slice(firstPrompt - 2, firstPrompt), noticeLines.slice(0, 2));
    const thirdPrompt = lines.indexOf('user notice-turn-3');
    assert.equal(lines[thirdPrompt - 1], noticeLines[2]);
    assert.ok(
      lines.indexOf('user notice-turn-2') > firstPrompt && lines.indexOf('user notice-turn-2') < thirdPrompt,
    );
    await rpc.call('session/archive', { session_id: sessionId });
  },
);
